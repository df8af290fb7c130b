import { AIRCRAFT_KINDS, FLIGHT_ID_PATTERN, FLIGHT_NUMBER_PATTERN, HOME_HUBS, isHomeHub, type ScheduledFlight } from '@cargo/contracts';
import { findAirport } from '../airports/airports.seed';
import { generateTimetable } from './timetable.generator';

const DATE = '2026-11-25'; // a Wednesday
const fromWuhan = (flights: ScheduledFlight[]) => flights.filter((f) => isHomeHub(f.origin) && f.aircraftKind !== 'TRUCK');
const countTo = (flights: ScheduledFlight[], destination: string) => fromWuhan(flights).filter((f) => f.destination === destination).length;

describe('generateTimetable', () => {
  const seeds = [1, 7, 42, 2027, 123456];

  it.each(seeds)('seed %p: about 20 Wuhan–Shanghai and 5–6 Wuhan–Hong Kong flights a day', (seed) => {
    for (const day of generateTimetable({ date: DATE, days: 7, seed }).reduce(byDay, new Map<string, ScheduledFlight[]>()).values()) {
      expect(countTo(day, 'PVG')).toBeGreaterThanOrEqual(18);
      expect(countTo(day, 'PVG')).toBeLessThanOrEqual(22);
      expect(countTo(day, 'HKG')).toBeGreaterThanOrEqual(5);
      expect(countTo(day, 'HKG')).toBeLessThanOrEqual(6);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateTimetable({ date: DATE, days: 3, seed: 42 });
    expect(generateTimetable({ date: DATE, days: 3, seed: 42 })).toEqual(a);
    expect(generateTimetable({ date: DATE, days: 3, seed: 43 })).not.toEqual(a);
  });

  it('repeats a daily pattern: a flight number keeps its local time from day to day', () => {
    const flights = generateTimetable({ date: DATE, days: 2, seed: 9 });
    const first = flights.find((f) => f.flightNumber.startsWith('MU25') && f.flightId.endsWith(DATE));
    const next = flights.find((f) => f.flightId === `${first?.flightNumber}-2026-11-26`);
    expect(Date.parse(defined(next).departureAt) - Date.parse(defined(first).departureAt)).toBe(24 * 3600 * 1000);
  });

  const flights = generateTimetable({ date: DATE, days: 7, seed: 2027 });

  it('gives every departure consistent, well-formed fields', () => {
    const ids = new Set<string>();
    for (const f of flights) {
      expect(f.flightId).toMatch(FLIGHT_ID_PATTERN);
      expect(f.flightNumber).toMatch(FLIGHT_NUMBER_PATTERN);
      expect(f.flightId.startsWith(`${f.flightNumber}-`)).toBe(true);
      expect(ids.has(f.flightId)).toBe(false);
      ids.add(f.flightId);
      expect(AIRCRAFT_KINDS).toContain(f.aircraftKind);
      expect(Date.parse(f.arrivalAt)).toBeGreaterThan(Date.parse(f.departureAt));
      expect(Date.parse(f.departureAt) - Date.parse(f.cutoffAt)).toBe(f.cutoffMinutes * 60_000);
      expect(f.capacity.kg).toBeGreaterThan(0);
      expect(f.capacity.m3).toBeGreaterThan(0);
      expect(findAirport(f.origin)).toBeDefined();
      expect(findAirport(f.destination)).toBeDefined();
      expect(f.departureAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    }
  });

  it('names flights by their local (UTC+8) departure date', () => {
    for (const f of flights) {
      const local = new Date(Date.parse(f.departureAt) + 8 * 3600_000).toISOString().slice(0, 10);
      expect(f.flightId.endsWith(local)).toBe(true);
    }
  });

  it('flies belly mostly from WUH and freighters mostly from EHU', () => {
    const wuhan = fromWuhan(flights);
    const freighters = wuhan.filter((f) => f.aircraftKind === 'FREIGHTER');
    const belly = wuhan.filter((f) => f.aircraftKind === 'BELLY');
    expect(freighters.filter((f) => f.origin === 'EHU').length / freighters.length).toBeGreaterThan(0.8);
    expect(belly.filter((f) => f.origin === 'WUH').length / belly.length).toBe(1);
  });

  it('offers plausible capacities: narrow-body ≈ 3 t, wide-body ≥ 10 t, freighters ≥ 25 t', () => {
    for (const f of fromWuhan(flights)) {
      if (['A320', 'A321', 'B737-800'].includes(f.aircraftType)) {
        expect(f.capacity.kg).toBeGreaterThanOrEqual(2000);
        expect(f.capacity.kg).toBeLessThanOrEqual(3500);
        expect(f.coldChain).toBe(false);
      }
      if (f.aircraftKind === 'FREIGHTER') {
        expect(f.capacity.kg).toBeGreaterThanOrEqual(25_000);
        expect(f.coldChain).toBe(true);
      }
    }
    expect(fromWuhan(flights).some((f) => f.aircraftType === 'B747-400F' && f.capacity.kg === 110_000 && f.capacity.m3 === 700)).toBe(true);
  });

  it('serves Asian and intercontinental destinations, domestic cities, onward transfers and road feeders', () => {
    const regions = new Set(fromWuhan(flights).map((f) => findAirport(f.destination)?.region));
    expect(regions).toEqual(new Set(['DOMESTIC', 'ASIA', 'GLOBAL']));
    expect(fromWuhan(flights).some((f) => f.destination === 'FRA')).toBe(true);
    expect(fromWuhan(flights).some((f) => f.destination === 'LGG')).toBe(true);

    const onward = flights.filter((f) => f.leg === 'ONWARD');
    expect(onward.every((f) => f.origin === 'PVG' || f.origin === 'HKG')).toBe(true);
    const transferRoutes = new Set(onward.map((f) => `${f.origin}-${f.destination}`));
    expect(transferRoutes.size).toBeGreaterThanOrEqual(25); // the plan's 25+ air-to-air transfer routes

    const trucks = flights.filter((f) => f.aircraftKind === 'TRUCK');
    expect(trucks.length).toBeGreaterThan(0);
    expect(trucks.every((f) => f.leg === 'ROAD_FEEDER' && (HOME_HUBS as readonly string[]).includes(f.origin))).toBe(true);
    const wuhToPvgByRoad = defined(trucks.find((f) => f.origin === 'WUH' && f.destination === 'PVG'));
    const hours = (Date.parse(wuhToPvgByRoad.arrivalAt) - Date.parse(wuhToPvgByRoad.departureAt)) / 3600_000;
    expect(hours).toBeGreaterThanOrEqual(9);
    expect(hours).toBeLessThanOrEqual(11);
  });

  it('leaves connections possible: each transfer hub has onward departures after the Wuhan arrivals', () => {
    const day = generateTimetable({ date: DATE, seed: 2027 });
    for (const hub of ['PVG', 'HKG']) {
      const mct = defined(defined(findAirport(hub)).minConnectionMinutes) * 60_000;
      const firstArrival = Math.min(...fromWuhan(day).filter((f) => f.destination === hub).map((f) => Date.parse(f.arrivalAt)));
      expect(day.some((f) => f.origin === hub && f.leg === 'ONWARD' && Date.parse(f.departureAt) >= firstArrival + mct)).toBe(true);
    }
  });

  it('runs weekly routes on their weekdays only', () => {
    const week = generateTimetable({ date: '2026-11-23', days: 7, seed: 1 }); // Monday..Sunday
    const tashkent = week.filter((f) => f.destination === 'TAS');
    expect(tashkent.map((f) => f.flightId.slice(-10))).toEqual(['2026-11-26']); // Thursdays
  });

  it.each([
    [{ date: '25/11/2026' }, 'YYYY-MM-DD'],
    [{ date: '2026-13-45' }, 'YYYY-MM-DD'],
    [{ date: DATE, days: 0 }, 'days must be'],
  ])('rejects %p', (options, message) => {
    expect(() => generateTimetable(options)).toThrow(message);
  });
});

function byDay(map: Map<string, ScheduledFlight[]>, f: ScheduledFlight): Map<string, ScheduledFlight[]> {
  const day = f.flightId.slice(-10);
  map.set(day, [...(map.get(day) ?? []), f]);
  return map;
}

function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
