import { hubDayStart, hubLocalDate, SERVICE_LEVELS, type AircraftKind, type AirportRegion, type ServiceLevel } from '@cargo/contracts';
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
const HOME_HUBS: readonly string[] = ['WUH', 'EHU'];
const DAY_MS = 24 * 3_600_000;

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
  /** The manifest closed at cut-off: the flight operated (a cancelled flight never closes one). */
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

/** Where each shipment of the self-transport denominator stands (they add up to the denominator). */
interface PlanBreakdown {
  /** Booked on an aircraft from WUH/EHU (on time or a later flight): the numerator. */
  flown: number;
  /** Booked on a road-feeder truck to another region's airport. */
  roadFed: number;
  /** The latest assignment decision wait-listed it. */
  waitlisted: number;
  /** Nothing can carry it: an open exception. */
  exceptions: number;
  /** Released, no assignment decision yet (or offloaded and being re-planned). */
  undecided: number;
}

/** On time for one service level; `denominator` = `onTimeDelivered` + `lateDelivered` + `lateNotDelivered`. */
interface OnTimeKpi extends Ratio {
  serviceLevel: ServiceLevel;
  /** Delivered (DLV) by the promise: the numerator. */
  onTimeDelivered: number;
  /** Delivered after the promise. */
  lateDelivered: number;
  /** Not delivered although the promise has passed: in transit, wait-listed, an exception, held. */
  lateNotDelivered: number;
  /** Not delivered, promise still ahead: left out until it is due (or delivered). */
  notYetDue: number;
}

/**
 * The KPIs as of `asOf` (the shared clock). Every ratio carries its numerator and denominator; the
 * definitions (scope, window, exclusions and why) are in the tracking README and the dashboard's
 * tooltips.
 */
export interface KpiReport {
  asOf: string;
  airSelfTransport: Ratio & { target: number; byWeightKg: Ratio; breakdown: PlanBreakdown };
  onTime: OnTimeKpi[];
  expressLines: {
    /** Completed hub-local days only, oldest first. */
    days: Array<{ date: string; shanghai: number; hongKong: number }>;
    completedDays: number;
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
 * KPIs from the read model alone (a rebuild gives the same numbers) as of `asOf` on the shared
 * clock: nothing that happened after `asOf` counts, and nothing is due before it.
 */
export function computeKpis(views: readonly ShipmentView[], flights: readonly FlightFacts[], lookups: KpiLookups, asOf: Date): KpiReport {
  const now = asOf.getTime();
  // A shipment cancelled at the station (CXL) was withdrawn before it left: not the hub's to carry, in no KPI.
  const received = views.filter((v) => (v.receivedAt === null || Date.parse(v.receivedAt) <= now) && !v.cancelled);
  return {
    asOf: asOf.toISOString(),
    airSelfTransport: airSelfTransportKpi(received, lookups),
    onTime: SERVICE_LEVELS.map((level) => onTimeKpi(received, level, now)),
    expressLines: expressLinesKpi(flights, now),
    internationalRoutes: internationalRoutesKpi(flights, lookups, now),
    transferRoutes: transferRoutesKpi(received, now),
    customsHoldHours: customsHoldKpi(received, now),
    loadFactors: loadFactorsKpi(flights),
  };
}

// ---- Where a shipment stands -------------------------------------------------------------------

type Plan = keyof PlanBreakdown;
const DECISION_CODES: readonly string[] = ['BKD', 'RFS', 'WTL', 'OFL', 'EXC'];

/** The timeline entry of the latest assignment decision that was applied (superseded ones are history only). */
export function latestDecision(v: Pick<ShipmentView, 'timeline'>): ShipmentView['timeline'][number] | undefined {
  return v.timeline.filter((e) => DECISION_CODES.includes(e.code) && !e.superseded).pop();
}

/** The timeline code of the latest assignment decision that was applied. */
function latestDecisionCode(v: ShipmentView): string | undefined {
  return latestDecision(v)?.code;
}

/** Released by customs for carriage, or already decided on by flight assignment (which only plans released cargo). */
function releasedForCarriage(v: ShipmentView): boolean {
  return v.cleared || v.booking !== null || latestDecisionCode(v) !== undefined;
}

/** The shipment's current plan, from its booking, open exception or latest assignment decision. */
function planOf(v: ShipmentView): Plan {
  if (v.booking) return v.booking.aircraftKind === 'TRUCK' ? 'roadFed' : 'flown';
  if (v.exception) return 'exceptions';
  return latestDecisionCode(v) === 'WTL' ? 'waitlisted' : 'undecided';
}

// ---- One function per KPI ----------------------------------------------------------------------

/**
 * Air self-transport rate: of the metro-area stations' export shipments released for carriage
 * (booked, road-fed, wait-listed, exceptions and not yet decided alike), the share booked to fly
 * from WUH/EHU. Left out: other stations; shipments customs has not released, or holds again
 * before they are booked (the hub may not move them).
 */
function airSelfTransportKpi(views: readonly ShipmentView[], lookups: KpiLookups): KpiReport['airSelfTransport'] {
  const breakdown: PlanBreakdown = { flown: 0, roadFed: 0, waitlisted: 0, exceptions: 0, undecided: 0 };
  let flownKg = 0;
  let allKg = 0;
  for (const v of views) {
    if (!v.stationCode || !lookups.isMetroStation(v.stationCode) || !releasedForCarriage(v)) continue;
    if (!v.booking && v.openHold) continue;
    const plan = planOf(v);
    breakdown[plan] += 1;
    const kg = v.booking?.chargeableWeightKg ?? v.chargeableWeightKg ?? 0;
    allKg += kg;
    if (plan === 'flown') flownKg += kg;
  }
  const total = breakdown.flown + breakdown.roadFed + breakdown.waitlisted + breakdown.exceptions + breakdown.undecided;
  return { ...ratio(breakdown.flown, total), target: KPI_TARGETS.airSelfTransportRate, byWeightKg: ratio(flownKg, allKg), breakdown };
}

/** When the shipment was delivered (DLV) by `now`, if it was. */
function deliveredAt(v: ShipmentView, now: number): number | undefined {
  const at = v.deliveredAt ?? v.timeline.find((e) => e.code === 'DLV')?.happenedAt ?? (v.status === 'DLV' ? v.statusAt : null);
  const ms = at ? Date.parse(at) : NaN;
  return Number.isFinite(ms) && ms <= now ? ms : undefined;
}

/**
 * On time per service level: of the level's shipments released for carriage whose outcome is known
 * at `now` — delivered, or past their promise — the share delivered (DLV) by the promise
 * (receipt + 1/2/3 days). Still in transit, wait-listed or in exception past the promise counts
 * late. Left out: not delivered and not yet due (until due); never released by customs.
 */
function onTimeKpi(views: readonly ShipmentView[], serviceLevel: ServiceLevel, now: number): OnTimeKpi {
  const counts = { onTimeDelivered: 0, lateDelivered: 0, lateNotDelivered: 0, notYetDue: 0 };
  for (const v of views) {
    if (v.serviceLevel !== serviceLevel || !v.promisedBy || !releasedForCarriage(v)) continue;
    const promise = Date.parse(v.promisedBy);
    const delivered = deliveredAt(v, now);
    if (delivered !== undefined) counts[delivered <= promise ? 'onTimeDelivered' : 'lateDelivered'] += 1;
    else counts[promise <= now ? 'lateNotDelivered' : 'notYetDue'] += 1;
  }
  return { serviceLevel, ...ratio(counts.onTimeDelivered, counts.onTimeDelivered + counts.lateDelivered + counts.lateNotDelivered), ...counts };
}

/** An aircraft (not a truck) leaving WUH/EHU that closed its manifest, i.e. operated. */
const operatedFromWuhan = (f: FlightFacts) => f.manifested && f.aircraftKind !== 'TRUCK' && HOME_HUBS.includes(f.origin);

/**
 * Express-line flights per day: flights WUH/EHU → Shanghai (PVG, SHA) and → Hong Kong (HKG) that
 * closed their manifest, per hub-local departure day, averaged over the completed days from the
 * first day with any operated departure from WUH/EHU to yesterday (days without an express flight
 * count 0). Left out: today and later days (not over yet); flights not closed (open or cancelled).
 */
function expressLinesKpi(flights: readonly FlightFacts[], now: number): KpiReport['expressLines'] {
  const today = hubLocalDate(now);
  const operated = flights.filter((f) => operatedFromWuhan(f) && hubLocalDate(f.departureAt) < today);
  const days = completedDaysFrom(operated.map((f) => hubLocalDate(f.departureAt)).sort()[0], today).map((date) => ({ date, shanghai: 0, hongKong: 0 }));
  const byDate = new Map(days.map((d) => [d.date, d]));
  for (const f of operated) {
    const day = byDate.get(hubLocalDate(f.departureAt));
    if (!day) continue;
    if (SHANGHAI_AIRPORTS.includes(f.destination)) day.shanghai += 1;
    if (HONG_KONG_AIRPORTS.includes(f.destination)) day.hongKong += 1;
  }
  const perDay = (pick: (d: { shanghai: number; hongKong: number }) => number) => (days.length === 0 ? null : days.reduce((sum, d) => sum + pick(d), 0) / days.length);
  return {
    days,
    completedDays: days.length,
    shanghaiPerDay: perDay((d) => d.shanghai),
    hongKongPerDay: perDay((d) => d.hongKong),
    targets: { shanghai: KPI_TARGETS.shanghaiFlightsPerDay, hongKong: KPI_TARGETS.hongKongFlightsPerDay },
  };
}

/** Every hub-local date from `first` up to the day before `today`; none without a first day. */
function completedDaysFrom(first: string | undefined, today: string): string[] {
  const dates: string[] = [];
  if (first === undefined) return dates;
  for (let day = first; day < today; day = hubLocalDate(hubDayStart(day).getTime() + DAY_MS)) dates.push(day);
  return dates;
}

/** International routes: distinct origin→destination legs to non-domestic airports flown (manifest closed, departed by `now`). */
function internationalRoutesKpi(flights: readonly FlightFacts[], lookups: KpiLookups, now: number): KpiReport['internationalRoutes'] {
  const routes = new Set<string>();
  for (const f of flights) {
    if (!operatedFromWuhan(f) || Date.parse(f.departureAt) > now) continue;
    const region = lookups.regionOf(f.destination);
    if (region !== undefined && region !== 'DOMESTIC') routes.add(`${f.origin}-${f.destination}`);
  }
  return { count: routes.size, routes: [...routes].sort(), target: KPI_TARGETS.internationalRoutes };
}

/** Transfer routes: distinct origin→hub→destination itineraries of bookings with a connection whose first leg departed by `now`. */
function transferRoutesKpi(views: readonly ShipmentView[], now: number): KpiReport['transferRoutes'] {
  const routes = new Set<string>();
  for (const v of views) {
    const b = v.booking;
    if (b?.connection && Date.parse(b.departureAt) <= now) routes.add(`${b.origin}-${b.connection.via}-${b.destination}`);
  }
  return { count: routes.size, routes: [...routes].sort(), target: KPI_TARGETS.transferRoutes };
}

/**
 * Durations of closed customs holds, in hours: from each hold (TGC) to the release (CCD) that ends
 * it, taken from the ordered timeline, released by `now`. A hold still open is counted apart.
 */
function holdDurationsHours(view: ShipmentView, now: number): number[] {
  const closed: number[] = [];
  let since: string | null = null;
  for (const entry of view.timeline) {
    if (entry.code === 'TGC' && since === null) since = entry.happenedAt;
    if (entry.code === 'CCD' && since !== null && Date.parse(entry.happenedAt) <= now) {
      closed.push((Date.parse(entry.happenedAt) - Date.parse(since)) / 3_600_000);
      since = null;
    }
  }
  return closed;
}

/** Customs hold time: median and p90 hours of the holds released by `now`; open holds counted apart. */
function customsHoldKpi(views: readonly ShipmentView[], now: number): KpiReport['customsHoldHours'] {
  const hours = views.flatMap((v) => holdDurationsHours(v, now));
  const open = views.filter((v) => v.openHold !== null).length;
  return { count: hours.length, medianHours: median(hours), p90Hours: percentile(hours, 0.9), open };
}

/**
 * Load factors: Σ manifest kg / Σ capacity kg of the aircraft from WUH/EHU whose manifest closed
 * (cut-off passed: the load is final), per airport and aircraft kind. Left out: open flights (their
 * bookings still change) and road-feeder trucks.
 */
function loadFactorsKpi(flights: readonly FlightFacts[]): KpiReport['loadFactors'] {
  const closed = flights.filter((f) => operatedFromWuhan(f) && f.capacityKg);
  const group = (keyOf: (f: FlightFacts) => string) => {
    const groups = new Map<string, { kg: number; cap: number; flights: number }>();
    for (const f of closed) {
      const g = groups.get(keyOf(f)) ?? { kg: 0, cap: 0, flights: 0 };
      g.kg += f.chargeableWeightKg;
      g.cap += f.capacityKg as number;
      g.flights += 1;
      groups.set(keyOf(f), g);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, g]) => ({ key, flights: g.flights, ...ratio(g.kg, g.cap) }));
  };
  return { byAirport: group((f) => f.origin), byAircraftKind: group((f) => f.aircraftKind) };
}
