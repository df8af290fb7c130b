import { hubLocalDate, serviceLevelForRegion } from '@cargo/contracts';
import { findAirport, generateTimetable, seededRandom } from '@cargo/seeds';
import type { HubTestClient, Json } from './hub-client.spec-helper';
import { consumerElectronicsIntake, lithiumIntake, nextAwb } from './lifecycle-scenarios.spec-helper';

/** One shipment of the simulated day: where it is received and what is expected of it. */
export interface DayShipment {
  awb: string;
  station: string;
  intake: Json;
  /** Set when nothing in the timetable can carry it: the exception's reason code. */
  expectedException?: 'CAO_NO_FREIGHTER' | 'NO_COLD_CHAIN';
  /** Registered too late for any flight to keep its promise: it gets the best alternative and a new promise. */
  expectsAlternative?: true;
}

const DESTINATIONS = ['PVG', 'PEK', 'CAN', 'SZX', 'CTU', 'XIY', 'CKG', 'HKG', 'ICN', 'NRT', 'KUL', 'FRA', 'LGG', 'AMS', 'CDG', 'LAX', 'DXB'] as const;
const STATIONS = ['OVS', 'OVS', 'OVS', 'EZS', 'NPB', 'XMS'] as const;

/** The first airport, in the timetable the hub loads, to which no leg meets `needs` (and no truck goes). */
function unservedDestination(date: string, needs: (f: { aircraftKind: string; coldChain: boolean }) => boolean): string {
  const flights = generateTimetable({ date, days: 4, seed: 2027 });
  const served = new Set(flights.filter((f) => needs(f) || f.aircraftKind === 'TRUCK').map((f) => f.destination));
  const candidate = [...new Set(flights.map((f) => f.destination))].sort().find((d) => !served.has(d));
  if (!candidate) throw new Error('the seeded timetable serves every destination: no exception to provoke');
  return candidate;
}

function levelOf(airport: string) {
  const region = findAirport(airport)?.region;
  if (!region) throw new Error(`${airport} is not an airport of the seeds`);
  return serviceLevelForRegion(region);
}

/**
 * A small, seeded day at the hub: consumer electronics from Optics Valley, Ezhou, the New Port
 * bonded zone and remote Xiamen (its truck takes 11 h) to domestic, Asian and global destinations;
 * four D1 shipments registered 21 hours after they were received, which no flight can take on time
 * any more; cargo-aircraft-only lithium batteries to an airport no freighter serves and cold-chain
 * medicines to one no cold-chain flight serves, which only an operator can resolve.
 */
export function simulatedDay(count: number, seed = 15): DayShipment[] {
  const rng = seededRandom(seed);
  const date = hubLocalDate(new Date());
  const receivedAt = new Date();
  const day: DayShipment[] = [];
  for (let i = 0; i < count - 8; i++) {
    const awb = nextAwb();
    const destination = rng.pick(DESTINATIONS);
    const grossWeightKg = rng.int(20, 600);
    const intake = { ...consumerElectronicsIntake(awb, receivedAt), destinationAirport: destination, serviceLevel: levelOf(destination), pieces: rng.int(1, 12), grossWeightKg, volumeM3: Math.round(grossWeightKg / 180 * 100) / 100 };
    day.push({ awb, station: rng.pick(STATIONS), intake });
  }
  for (const destination of ['PVG', 'PEK', 'CAN', 'CTU']) {
    const awb = nextAwb();
    day.push({ awb, station: 'OVS', intake: { ...consumerElectronicsIntake(awb, new Date(receivedAt.getTime() - 21 * 3_600_000)), destinationAirport: destination }, expectsAlternative: true });
  }
  const noFreighter = unservedDestination(date, (f) => f.aircraftKind === 'FREIGHTER');
  const noColdChain = unservedDestination(date, (f) => f.coldChain);
  for (let i = 0; i < 2; i++) {
    const cao = nextAwb();
    day.push({ awb: cao, station: 'OVS', intake: { ...lithiumIntake(cao, receivedAt), destinationAirport: noFreighter, serviceLevel: levelOf(noFreighter) }, expectedException: 'CAO_NO_FREIGHTER' });
    const cold = nextAwb();
    const medicines = { description: 'Vaccines, 2-8 °C', category: 'PHARMA', hsCode: '30022000', declaredValue: { amount: 52000, currency: 'USD' } };
    const intake = { ...consumerElectronicsIntake(cold, receivedAt), shipper: { id: 'SHP-OV-005', name: 'Hubei Jiufeng Biomedicine Co., Ltd.' }, commodity: medicines, specialHandlingCodes: ['PIL', 'COL'], destinationAirport: noColdChain, serviceLevel: levelOf(noColdChain) };
    day.push({ awb: cold, station: 'OVS', intake, expectedException: 'NO_COLD_CHAIN' });
  }
  return day;
}

/** flight-assignment's view of a shipment (status, booking, reason, next attempt). */
export async function assignmentView(hub: HubTestClient, awb: string): Promise<Json> {
  const { status, body } = await hub.request('GET', `${hub.urls['flight-assignment']}/v1/shipments/${awb}`);
  if (status !== 200) throw new Error(`flight-assignment does not know ${awb}: ${status}`);
  return body;
}

/** Moves flight-assignment's manual clock in steps, each followed by its scheduler's tick, until `done` (checked every `checkEvery` steps) or `maxMinutes`. */
export async function runClockUntil(hub: HubTestClient, options: { stepMinutes: number; checkEvery: number; maxMinutes: number }, done: () => Promise<boolean>): Promise<number> {
  let moved = 0;
  for (let step = 0; moved < options.maxMinutes; step++) {
    if (step % options.checkEvery === 0 && (await done())) return moved;
    await hub.advanceClock(options.stepMinutes);
    moved += options.stepMinutes;
  }
  return moved;
}

/** A departed shipment on a direct flight that landed at least an hour before `now`: the airline can report its arrival and delivery. */
async function landed(hub: HubTestClient, awb: string, now: number): Promise<{ awb: string; view: Json; booking: Json; arrivalAt: number } | undefined> {
  const view = await hub.tracking(awb);
  const booking = view?.['booking'] as Json | null | undefined;
  if (!view || view['status'] !== 'DEP' || !booking || booking['connection'] || booking['aircraftKind'] === 'TRUCK') return undefined;
  const arrivalAt = Date.parse(String(booking['arrivalAt']));
  return arrivalAt + 60 * 60_000 <= now ? { awb, view, booking, arrivalAt } : undefined;
}

/**
 * Plays the airline after the hub assumed the departures: for each departed shipment on a direct
 * flight that has landed by `now`, the flight's ARR (once per flight), then the shipment's RCF and DLV.
 */
export async function deliverLanded(hub: HubTestClient, awbs: readonly string[], now: number): Promise<string[]> {
  const airline = await hub.as('sim-airline');
  const fa = hub.urls['flight-assignment'];
  const arrivals = (await Promise.all(awbs.map((awb) => landed(hub, awb, now)))).filter((a) => a !== undefined);
  const flights = new Map(arrivals.map((a) => [String(a.booking['flightId']), a.arrivalAt]));
  for (const [flightId, arrivalAt] of flights) {
    const arr = await hub.request('POST', `${fa}/v1/flights/${flightId}/status`, { code: 'ARR', happenedAt: new Date(arrivalAt).toISOString() }, airline);
    if (arr.status >= 300) throw new Error(`ARR ${flightId}: ${arr.status} ${JSON.stringify(arr.body)}`);
  }
  for (const { awb, view, booking, arrivalAt } of arrivals) {
    const reports: Array<[string, number, Json]> = [
      ['RCF', 30, { pieces: Number(view['pieces']), flightNumber: booking['flightNumber'] }],
      ['DLV', 60, {}],
    ];
    for (const [code, minutes, extra] of reports) {
      const body = { code, place: String(view['destination']), happenedAt: new Date(arrivalAt + minutes * 60_000).toISOString(), ...extra };
      const posted = await hub.request('POST', `${fa}/v1/shipments/${awb}/status`, body, airline);
      if (posted.status >= 300) throw new Error(`${code} ${awb}: ${posted.status} ${JSON.stringify(posted.body)}`);
    }
  }
  return arrivals.map((a) => a.awb);
}
