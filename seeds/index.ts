/**
 * @cargo/seeds — reference data, typed with the shapes in @cargo/contracts. Each service loads the
 * part it owns: station-intake the stations and airports, customs-hold the shippers (credit grades)
 * and the DG registry, flight-assignment the timetable, stations and airports; tracking reads the
 * stations (metro area) and airports (regions) for its KPIs.
 */
export * from './random/seeded-random.util';
export * from './stations/stations.seed';
export * from './airports/airports.seed';
export * from './timetable/aircraft.seed';
export * from './timetable/registrations.seed';
export * from './timetable/routes.seed';
export * from './timetable/timetable.generator';
export * from './parties/parties.seed';
export * from './dg-registry/dg-registry.seed';
