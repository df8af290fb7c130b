export { AIRCRAFT_KINDS, FLIGHT_NUMBER_PATTERN, IATA_AIRPORT_PATTERN, type AircraftKind } from '@cargo/contracts';

/** Legs an ops user may add: a flight from Wuhan or a road-feeder truck. */
export const TIMETABLE_LEGS_FOR_DTO = ['FROM_WUHAN', 'ROAD_FEEDER'] as const;
