import { hubLocalDate, SERVICE_LEVELS, type AircraftKind, type AirportRegion, type ServiceLevel } from '@cargo/contracts';
import type { ShipmentView } from './shipment.projection';

/** The 2027 targets of Wuhan's work plan (DOMAIN.md, "Headline targets", "Routes and service levels"). */
const KPI_TARGETS = {
  /** Air self-transport rate of the metro area's export cargo. */
  airSelfTransportRate: 0.9,
  /** Wuhan–Shanghai express line flights per day (汉沪快线). */
  shanghaiFlightsPerDay: 20,
  /** Wuhan–Hong Kong express line flights per day (汉港快线), 5–6. */
  hongKongFlightsPerDay: { min: 5, max: 6 },
  /** International routes (WUH 20+). */
  internationalRoutes: 20,
  /** International air-to-air transfer routes (25+). */
  transferRoutes: 25,
} as const;

const SHANGHAI_AIRPORTS: readonly string[] = ['PVG', 'SHA'];
const HONG_KONG_AIRPORTS: readonly string[] = ['HKG'];

/** A flight leaving a Wuhan hub as tracking knows it: from its manifest (capacity, load) and/or from assignments. */
export interface FlightFacts {
  flightId: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureAt: string;
  aircraftKind: AircraftKind;
  /** Known once the manifest closed. */
  capacityKg: number | null;
  /** Manifest total (or, before the manifest, the sum of bookings). */
  chargeableWeightKg: number;
  manifested: boolean;
}

export interface KpiLookups {
  /** True for stations in the Wuhan metropolitan area (seeds: `metroArea`). */
  isMetroStation(stationCode: string): boolean;
  /** Region of an airport, undefined when unknown. */
  regionOf(airport: string): AirportRegion | undefined;
}

interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when nothing to measure. */
  value: number | null;
}

export interface KpiReport {
  airSelfTransport: Ratio & { target: number; byWeightKg: Ratio };
  onTime: Array<{ serviceLevel: ServiceLevel } & Ratio>;
  expressLines: {
    days: Array<{ date: string; shanghai: number; hongKong: number }>;
    shanghaiPerDay: number | null;
    hongKongPerDay: number | null;
    targets: { shanghai: number; hongKong: { min: number; max: number } };
  };
  internationalRoutes: { count: number; routes: string[]; target: number };
  transferRoutes: { count: number; routes: string[]; target: number };
  customsHoldHours: { count: number; medianHours: number | null; p90Hours: number | null; open: number };
  loadFactors: {
    byAirport: Array<{ key: string; flights: number } & Ratio>;
    byAircraftKind: Array<{ key: string; flights: number } & Ratio>;
  };
}

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, value: denominator > 0 ? numerator / denominator : null });

/** Nearest-rank percentile (p in 0..1) of a non-empty list; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.max(0, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.min(sorted.length - 1, index)];
}

/** Median (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Durations of closed customs holds, in hours: from each hold (TGC) to the release (CCD) that ends it,
 * taken from the ordered timeline. Holds still open are counted apart.
 */
function holdDurationsHours(view: ShipmentView): { closed: number[]; open: boolean } {
  const closed: number[] = [];
  let since: string | null = null;
  for (const entry of view.timeline) {
    if (entry.code === 'TGC' && since === null) since = entry.happenedAt;
    if (entry.code === 'CCD' && since !== null) {
      closed.push((Date.parse(entry.happenedAt) - Date.parse(since)) / 3_600_000);
      since = null;
    }
  }
  return { closed, open: view.openHold !== null };
}

/**
 * KPIs from the read model alone (so a rebuild gives the same numbers).
 *
 * - Air self-transport: metro-area shipments with a booking; flown = booked on an aircraft from
 *   WUH/EHU, road-fed = ROAD_FEEDER (TRUCK). By count, and by chargeable weight.
 * - On time per service level: shipments with an actual arrival (or, failing that, a booked ETA),
 *   on time when it is not after `promisedBy`.
 * - Express lines per day: distinct flights WUH/EHU → Shanghai (PVG, SHA) / Hong Kong (HKG) per
 *   local departure date, averaged over the days that have any flight.
 * - International routes: distinct origin→destination air legs whose destination is not DOMESTIC;
 *   transfer routes: distinct origin→hub→destination itineraries with a connection.
 * - Load factors: manifested flights only, Σ chargeable kg / Σ capacity kg per airport and aircraft kind.
 */
export function computeKpis(views: readonly ShipmentView[], flights: readonly FlightFacts[], lookups: KpiLookups): KpiReport {
  let air = 0;
  let road = 0;
  let airKg = 0;
  let roadKg = 0;
  for (const v of views) {
    if (!v.booking || !v.stationCode || !lookups.isMetroStation(v.stationCode)) continue;
    const kg = v.booking.chargeableWeightKg;
    if (v.booking.aircraftKind === 'TRUCK') {
      road += 1;
      roadKg += kg;
    } else {
      air += 1;
      airKg += kg;
    }
  }

  const onTime = SERVICE_LEVELS.map((serviceLevel) => {
    let total = 0;
    let good = 0;
    for (const v of views) {
      if (v.serviceLevel !== serviceLevel || !v.promisedBy) continue;
      const arrival = v.arrivedAt ?? v.eta;
      if (!arrival) continue;
      total += 1;
      if (Date.parse(arrival) <= Date.parse(v.promisedBy)) good += 1;
    }
    return { serviceLevel, ...ratio(good, total) };
  });

  const legs = new Map<string, { origin: string; destination: string; departureAt: string; aircraftKind: AircraftKind }>();
  for (const f of flights) legs.set(f.flightId, f);
  for (const v of views) {
    const b = v.booking;
    if (!b || legs.has(b.flightId)) continue;
    legs.set(b.flightId, { origin: b.origin, destination: b.connection ? b.connection.via : b.destination, departureAt: b.departureAt, aircraftKind: b.aircraftKind });
  }
  const perDay = new Map<string, { shanghai: number; hongKong: number }>();
  const international = new Set<string>();
  for (const leg of legs.values()) {
    if (leg.aircraftKind === 'TRUCK' || (leg.origin !== 'WUH' && leg.origin !== 'EHU')) continue;
    const sh = SHANGHAI_AIRPORTS.includes(leg.destination);
    const hk = HONG_KONG_AIRPORTS.includes(leg.destination);
    if (sh || hk) {
      const day = hubLocalDate(leg.departureAt);
      const row = perDay.get(day) ?? { shanghai: 0, hongKong: 0 };
      if (sh) row.shanghai += 1;
      if (hk) row.hongKong += 1;
      perDay.set(day, row);
    }
    const region = lookups.regionOf(leg.destination);
    if (region !== undefined && region !== 'DOMESTIC') international.add(`${leg.origin}-${leg.destination}`);
  }
  const days = [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, row]) => ({ date, ...row }));
  const avg = (pick: (d: { shanghai: number; hongKong: number }) => number) =>
    days.length === 0 ? null : days.reduce((sum, d) => sum + pick(d), 0) / days.length;

  const transfer = new Set<string>();
  for (const v of views) {
    const b = v.booking;
    if (b?.connection) transfer.add(`${b.origin}-${b.connection.via}-${b.destination}`);
  }

  const holdHours: number[] = [];
  let openHolds = 0;
  for (const v of views) {
    const { closed, open } = holdDurationsHours(v);
    holdHours.push(...closed);
    if (open) openHolds += 1;
  }

  const group = (keyOf: (f: FlightFacts) => string) => {
    const groups = new Map<string, { kg: number; cap: number; flights: number }>();
    for (const f of flights) {
      if (!f.manifested || !f.capacityKg) continue;
      const g = groups.get(keyOf(f)) ?? { kg: 0, cap: 0, flights: 0 };
      g.kg += f.chargeableWeightKg;
      g.cap += f.capacityKg;
      g.flights += 1;
      groups.set(keyOf(f), g);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, g]) => ({ key, flights: g.flights, ...ratio(g.kg, g.cap) }));
  };

  return {
    airSelfTransport: { ...ratio(air, air + road), target: KPI_TARGETS.airSelfTransportRate, byWeightKg: ratio(airKg, airKg + roadKg) },
    onTime,
    expressLines: {
      days,
      shanghaiPerDay: avg((d) => d.shanghai),
      hongKongPerDay: avg((d) => d.hongKong),
      targets: { shanghai: KPI_TARGETS.shanghaiFlightsPerDay, hongKong: KPI_TARGETS.hongKongFlightsPerDay },
    },
    internationalRoutes: { count: international.size, routes: [...international].sort(), target: KPI_TARGETS.internationalRoutes },
    transferRoutes: { count: transfer.size, routes: [...transfer].sort(), target: KPI_TARGETS.transferRoutes },
    customsHoldHours: { count: holdHours.length, medianHours: median(holdHours), p90Hours: percentile(holdHours, 0.9), open: openHolds },
    loadFactors: { byAirport: group((f) => f.origin), byAircraftKind: group((f) => f.aircraftKind) },
  };
}
