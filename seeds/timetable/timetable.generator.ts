import { flightIdOf, type ScheduledFlight } from '@cargo/contracts';
import { seededRandom, type SeededRandom } from '../random/seeded-random.util';
import { AIRCRAFT, type AircraftSpec } from './aircraft.seed';
import { registrationFor } from './registrations.seed';
import { ROUTES, type RouteTemplate } from './routes.seed';

export interface TimetableOptions {
  /** First local date (Asia/Shanghai), `YYYY-MM-DD`. */
  date: string;
  /** Number of consecutive days; 1 by default. */
  days?: number;
  /** PRNG seed; the same seed always gives the same timetable. 2027 by default. */
  seed?: number;
  /** Route templates; the seeded network by default. */
  routes?: readonly RouteTemplate[];
}

/** All origins of the network (WUH, EHU, PVG, HKG) are on China Standard Time, UTC+8, no daylight saving. */
const ORIGIN_UTC_OFFSET_MINUTES = 480;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** One recurring departure of the season's pattern, fixed per seed and repeated on its weekdays. */
interface PatternEntry {
  route: RouteTemplate;
  flightNumber: string;
  localDepartureMinutes: number;
  blockMinutes: number;
  aircraft: AircraftSpec;
  capacityKg: number;
  capacityM3: number;
}

/**
 * Generates the departures of `days` consecutive local dates from `date`: flights from WUH and EHU
 * (belly and freighter), onward flights from PVG and HKG for one-connection itineraries, and road-feeder
 * trucks. Like a real season's timetable, a seed fixes one daily pattern (departure times, aircraft
 * types, counts within each route's range) that repeats on each route's weekdays, so a flight number
 * keeps its time from day to day.
 *
 * Sorted by departure time, then flight number. Times are UTC (`…Z`), computed from local UTC+8.
 */
export function generateTimetable(options: TimetableOptions): ScheduledFlight[] {
  const { date, days = 1, seed = 2027, routes = ROUTES } = options;
  if (!DATE_PATTERN.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new RangeError(`generateTimetable: date must be YYYY-MM-DD, got "${date}"`);
  }
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError(`generateTimetable: days must be an integer 1..366, got ${days}`);

  const pattern = buildPattern(routes, seededRandom(seed));
  const flights: ScheduledFlight[] = [];
  for (let d = 0; d < days; d++) {
    const localDate = addDays(date, d);
    const weekday = isoWeekday(localDate);
    for (const entry of pattern) {
      if (entry.route.days && !entry.route.days.includes(weekday)) continue;
      flights.push(instantiate(entry, localDate));
    }
  }
  return flights.sort((a, b) => a.departureAt.localeCompare(b.departureAt) || a.flightNumber.localeCompare(b.flightNumber));
}

function buildPattern(routes: readonly RouteTemplate[], rng: SeededRandom): PatternEntry[] {
  const entries: PatternEntry[] = [];
  for (const route of routes) {
    const count = typeof route.count === 'number' ? route.count : rng.int(route.count[0], route.count[1]);
    const [start, end] = route.window;
    const slot = (end - start) / count;
    for (let i = 0; i < count; i++) {
      // Evenly spread over the window, jittered within the slot, on a 5-minute grid.
      const raw = start + slot * i + rng.next() * slot;
      const localDepartureMinutes = Math.min(end, Math.max(start, Math.round(raw / 5) * 5));
      const aircraftType = rng.pick(route.aircraft);
      const aircraft = AIRCRAFT[aircraftType];
      if (!aircraft) throw new Error(`route ${route.origin}-${route.destination}: unknown aircraft type ${aircraftType}`);
      // Belly capacity depends on the day's passenger bags; onward flights offer an allotment only.
      const share = route.allotment ?? (aircraft.kind === 'BELLY' ? 0.85 + rng.next() * 0.15 : 1);
      entries.push({
        route,
        flightNumber: `${route.carrier}${route.firstNumber + 2 * i}`,
        localDepartureMinutes,
        blockMinutes: route.blockMinutes + rng.int(-2, 2) * 5,
        aircraft,
        capacityKg: Math.round((aircraft.capacityKg * share) / 50) * 50,
        capacityM3: Math.round(aircraft.capacityM3 * share),
      });
    }
  }
  return entries;
}

function instantiate(entry: PatternEntry, localDate: string): ScheduledFlight {
  const departure = Date.parse(`${localDate}T00:00:00Z`) + (entry.localDepartureMinutes - ORIGIN_UTC_OFFSET_MINUTES) * 60_000;
  const cutoffMinutes = entry.aircraft.cutoffMinutes;
  const aircraftRegistration = registrationFor(entry.route.carrier, entry.aircraft.type, entry.flightNumber);
  return {
    flightId: flightIdOf(entry.flightNumber, localDate),
    flightNumber: entry.flightNumber,
    carrier: entry.route.carrier,
    origin: entry.route.origin,
    destination: entry.route.destination,
    departureAt: iso(departure),
    arrivalAt: iso(departure + entry.blockMinutes * 60_000),
    cutoffMinutes,
    cutoffAt: iso(departure - cutoffMinutes * 60_000),
    aircraftKind: entry.aircraft.kind,
    aircraftType: entry.aircraft.type,
    ...(aircraftRegistration ? { aircraftRegistration } : {}),
    capacity: { kg: entry.capacityKg, m3: entry.capacityM3 },
    coldChain: entry.aircraft.coldChain,
    leg: entry.route.leg,
  };
}

/** `2026-11-25T06:30:00Z` (no milliseconds). */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
