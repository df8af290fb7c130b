import { Awb } from '@cargo/contracts';
import { flightBehaviour, isMisroutedTransfer } from '../domain/airline-behaviour.rules';
import { AirlineOperationsRunner } from './airline-operations.runner';
import { HubApi, type AirlineFlight, type DispatchTruck, type OpenHold, type ShipmentBooking } from './hub-api.port';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-25T00:00:00Z');

const flight = (flightId: string, origin: string, destination: string, departureAt: string, arrivalAt: string): AirlineFlight => ({
  flightId,
  flightNumber: flightId.split('-')[0] as string,
  origin,
  destination,
  departureAt,
  arrivalAt,
  leg: origin === 'WUH' ? 'FROM_WUHAN' : 'ONWARD',
  status: 'CLOSED',
  booked: { kg: 300 },
});
const FIRST = flight('MU2501-2026-11-25', 'WUH', 'PVG', '2026-11-25T02:00:00Z', '2026-11-25T03:40:00Z');
const ONWARD = flight('MU219-2026-11-25', 'PVG', 'FRA', '2026-11-25T06:00:00Z', '2026-11-25T19:00:00Z');
const OTHER = flight('CK207-2026-11-25', 'PVG', 'FRA', '2026-11-25T07:00:00Z', '2026-11-25T20:00:00Z');

/** The first AWBs from `serial` on that are (or are not) misrouted at the transfer. */
function awbWhere(misrouted: boolean, serial: number): string {
  for (let s = serial; ; s++) {
    const awb = Awb.of(784, s).toString();
    if (isMisroutedTransfer(awb) === misrouted) return awb;
  }
}
const DIRECT = Awb.of(784, 4_100_001).toString();
const TRANSFER = awbWhere(false, 4_100_100);
const MISROUTED = awbWhere(true, 4_100_200);

interface Sent {
  at: number;
  kind: 'flight' | 'shipment';
  id: string;
  body: Record<string, unknown>;
}

/** The hub as the airline sees it, in memory; every report is recorded with the simulated time it was sent at. */
class FakeHub extends HubApi {
  readonly playsAirlines = true;
  readonly sent: Sent[] = [];
  now = T0;
  private readonly departed = new Set<string>();

  postIntake(): Promise<number> {
    throw new Error('not used');
  }
  postScan(): Promise<number> {
    throw new Error('not used');
  }
  dispatch(): Promise<DispatchTruck[]> {
    throw new Error('not used');
  }
  openHolds(): Promise<OpenHold[]> {
    throw new Error('not used');
  }
  act(): Promise<number> {
    throw new Error('not used');
  }
  async airlineFlights(airport: string, date: string): Promise<AirlineFlight[]> {
    return [FIRST, ONWARD, OTHER].filter((f) => f.origin === airport && date === '2026-11-25');
  }
  async manifest(flightId: string): Promise<{ awb: string; pieces: number }[] | undefined> {
    return flightId === FIRST.flightId ? [{ awb: DIRECT, pieces: 6 }, { awb: TRANSFER, pieces: 4 }, { awb: MISROUTED, pieces: 2 }] : undefined;
  }
  async shipmentBooking(awb: string): Promise<ShipmentBooking | undefined> {
    return { awb, booking: { flightId: FIRST.flightId, ...(awb === DIRECT ? {} : { connectionFlightId: ONWARD.flightId }) } };
  }
  async reportFlightStatus(flightId: string, body: Record<string, unknown>): Promise<number> {
    if (body['code'] === 'ARR' && !this.departed.has(flightId)) return 409;
    if (body['code'] === 'DEP') this.departed.add(flightId);
    this.sent.push({ at: this.now, kind: 'flight', id: flightId, body });
    return 201;
  }
  async reportShipmentStatus(awb: string, body: Record<string, unknown>): Promise<number> {
    this.sent.push({ at: this.now, kind: 'shipment', id: awb, body });
    return 201;
  }
}

describe('the simulated airlines after departure', () => {
  let hub: FakeHub;
  let runner: AirlineOperationsRunner;

  beforeAll(async () => {
    // Preconditions of the scenario: the airlines of both flights report their departures.
    expect(flightBehaviour(FIRST.flightId, Date.parse(FIRST.departureAt), Date.parse(FIRST.arrivalAt)).silent).toBe(false);
    expect(flightBehaviour(ONWARD.flightId, Date.parse(ONWARD.departureAt), Date.parse(ONWARD.arrivalAt)).silent).toBe(false);
    hub = new FakeHub();
    runner = new AirlineOperationsRunner(hub);
    for (let now = T0; now <= T0 + 2 * 24 * 60 * MINUTE; now += 2 * MINUTE) {
      hub.now = now;
      await runner.tick(now);
    }
  });

  const reportsOf = (id: string) => hub.sent.filter((s) => s.id === id).map((s) => `${String(s.body['code'])}@${String(s.body['place'] ?? '')}`);

  it('never reports anything before it happened, nor a departure before the scheduled time', () => {
    for (const s of hub.sent) expect(Date.parse(String(s.body['happenedAt']))).toBeLessThanOrEqual(s.at);
    const dep = hub.sent.find((s) => s.id === FIRST.flightId && s.body['code'] === 'DEP');
    expect(Date.parse(String(dep?.body['happenedAt']))).toBeGreaterThanOrEqual(Date.parse(FIRST.departureAt));
  });

  it('reports each flight with cargo departed, then arrived', () => {
    expect(reportsOf(FIRST.flightId)).toEqual(['DEP@', 'ARR@']);
    expect(reportsOf(ONWARD.flightId)).toEqual(['DEP@', 'ARR@']);
  });

  it('a direct shipment: received from the flight at the destination, consignee notified, delivered', () => {
    expect(reportsOf(DIRECT)).toEqual(['RCF@PVG', 'NFD@PVG', 'DLV@PVG']);
    const rcf = hub.sent.find((s) => s.id === DIRECT && s.body['code'] === 'RCF');
    expect(rcf?.body).toMatchObject({ flightNumber: 'MU2501' });
  });

  it('a transfer: received at the hub, on to the destination with the onward flight, then notified and delivered there', () => {
    expect(reportsOf(TRANSFER)).toEqual(['RCF@PVG', 'RCF@FRA', 'NFD@FRA', 'DLV@FRA']);
    const atFra = hub.sent.find((s) => s.id === TRANSFER && s.body['code'] === 'RCF' && s.body['place'] === 'FRA');
    const onwardArr = hub.sent.find((s) => s.id === ONWARD.flightId && s.body['code'] === 'ARR');
    expect(Date.parse(String(atFra?.body['happenedAt']))).toBeGreaterThan(Date.parse(String(onwardArr?.body['happenedAt'])));
  });

  it('a misrouted transfer leaves the hub on another flight, before the booked one, and still reaches the destination', () => {
    expect(reportsOf(MISROUTED)).toEqual(['RCF@PVG', 'DEP@PVG', 'ARR@FRA', 'RCF@FRA', 'NFD@FRA', 'DLV@FRA']);
    const dep = hub.sent.find((s) => s.id === MISROUTED && s.body['code'] === 'DEP');
    expect(dep?.body).toMatchObject({ place: 'PVG', flightNumber: 'CK207' });
    const onwardDep = hub.sent.find((s) => s.id === ONWARD.flightId && s.body['code'] === 'DEP');
    expect(dep?.at).toBeLessThan(onwardDep?.at ?? 0);
    // Three flights carried cargo (the misrouted shipment's CK207 too).
    expect(runner.stats).toMatchObject({ departures: 3, arrivals: 3, transfers: 2, misrouted: 1, delivered: 3 });
  });
});
