import { AssignmentReason, type ServiceLevel } from '@cargo/contracts';
import fc from 'fast-check';
import { lateCargoReserveShare, nextAttemptAt, planBatch, STANDBY_WINDOW_MS, WAITLIST_RECHECK_MS, type PlanDecision } from './assignment.planner';
import { CapacityLedger } from './capacity.ledger';
import { at, awbOf, flight, network, shipment } from './domain.spec-helper';
import { MINUTE_MS, type Flight } from './flight.model';

function ledgerOf(flights: Flight[]): CapacityLedger {
  const ledger = new CapacityLedger();
  for (const f of flights) ledger.open(f.flightId, f.capacityKg, f.capacityM3);
  return ledger;
}

const plan = (flights: Flight[], shipments: Parameters<typeof planBatch>[0], now: number, ledger = ledgerOf(flights)) =>
  planBatch(shipments, network(flights), ledger, now).decisions;

// A D1 shipment received at 00:00Z must arrive by 24:00Z (2026-11-26T00:00Z).
const d1 = (over: Parameters<typeof shipment>[0] = {}) => shipment({ serviceLevel: 'D1', grossWeightKg: 400, volumeM3: 1, ...over });
/** A belly flight WUH → PVG departing at `hour` (arrives 2 h later, cut-off 2 h before; OVS truck 45 min). */
const belly = (flightNumber: string, hour: number, over: Partial<Flight> = {}) => flight({ flightNumber, departureAt: at(hour), capacityKg: 1000, capacityM3: 10, ...over });
const truck = (flightNumber: string, hour: number, hours: number, over: Partial<Flight> = {}) =>
  flight({ flightNumber, aircraftKind: 'TRUCK', aircraftType: 'TRUCK-13.6M', leg: 'ROAD_FEEDER', departureAt: at(hour), arrivalAt: at(hour + hours), capacityKg: 22_000, capacityM3: 85, ...over });

describe('plan until delivered: the best alternative when no flight keeps the promise', () => {
  it('rides standby for the earliest later flight, then books it and says which promise it missed and that its arrival is the new one', () => {
    const late = belly('MU2509', 30); // arrives 32:00Z, 8 h after the D1 promise; OVS truck must leave by 27:15Z
    const later = belly('MU2511', 40);
    const standbyFrom = late.cutoffAt - 45 * MINUTE_MS - STANDBY_WINDOW_MS;
    const [waiting] = plan([late, later], [d1()], at(1));
    expect(waiting).toMatchObject({ kind: 'WAITLISTED', rejection: { code: AssignmentReason.LATER_FLIGHT_STANDBY }, standbyFrom, retryUntil: later.cutoffAt - 45 * MINUTE_MS });
    expect(nextAttemptAt(waiting as Extract<PlanDecision, { kind: 'WAITLISTED' }>, standbyFrom - MINUTE_MS)).toBe(standbyFrom);
    const [booked] = plan([late, later], [d1()], standbyFrom);
    expect(booked).toMatchObject({ kind: 'AIR', itinerary: { first: { flightNumber: 'MU2509' }, onTime: false, finalArrivalAt: at(32) }, missedPromise: { code: AssignmentReason.SERVICE_LEVEL_UNREACHABLE } });
  });

  it('late cargo leaves a reserve for on-time cargo: half the flight 6 h before the cut-off, none at it', () => {
    expect(lateCargoReserveShare(at(10), at(4))).toBe(0.5);
    expect(lateCargoReserveShare(at(10), at(7))).toBe(0.25);
    expect(lateCargoReserveShare(at(10), at(10))).toBe(0);
    const late = belly('MU2509', 30); // cut-off 28:00Z; standby opens 27:00Z, reserve then 1/12 of 1,000 kg
    const standbyFrom = late.cutoffAt - 45 * MINUTE_MS - STANDBY_WINDOW_MS;
    const tight = ledgerOf([late]);
    tight.book([late.flightId], 550, 1); // 450 kg left: 400 would leave 50 kg < 83 kg
    expect(plan([late], [d1()], standbyFrom, tight)[0]).toMatchObject({ kind: 'WAITLISTED', rejection: { code: AssignmentReason.NO_CAPACITY } });
    const roomy = ledgerOf([late]);
    roomy.book([late.flightId], 500, 1); // 500 kg left: 400 leaves 100 kg ≥ 83 kg
    expect(plan([late], [d1()], standbyFrom, roomy)[0]).toMatchObject({ kind: 'AIR', itinerary: { onTime: false } });
  });

  it('prefers a road feeder that keeps the promise to a later flight', () => {
    const [decision] = plan([belly('MU2509', 30), truck('MU9801', 4, 8)], [d1()], at(1));
    expect(decision).toMatchObject({ kind: 'ROAD_FEEDER', itinerary: { first: { flightNumber: 'MU9801' }, onTime: true } });
  });

  it('among late alternatives takes the earliest arrival, air before road on a tie', () => {
    const lateTruck = truck('MU9801', 20, 10); // arrives 30:00Z
    const laterFlight = belly('MU2509', 30); // arrives 32:00Z
    expect(plan([lateTruck, laterFlight], [d1()], at(1))[0]).toMatchObject({ kind: 'ROAD_FEEDER', itinerary: { onTime: false, finalArrivalAt: at(30) } });
    const sameTime = truck('MU9803', 22, 10); // arrives 32:00Z, like the flight: the flight is waited for on standby
    expect(plan([sameTime, laterFlight], [d1()], at(1))[0]).toMatchObject({ kind: 'WAITLISTED', rejection: { code: AssignmentReason.LATER_FLIGHT_STANDBY, explanation: expect.stringContaining('MU2509') } });
  });

  it('places on-time shipments of the batch before late ones take their capacity', () => {
    // MU2509 (1,000 kg) arrives 32:00Z: on time for a D2 shipment, late for a D1 one; both 600 kg.
    const shared = belly('MU2509', 30);
    const decisions = plan([shared], [d1({ awb: awbOf(1), grossWeightKg: 600 }), shipment({ awb: awbOf(2), serviceLevel: 'D2', grossWeightKg: 600, volumeM3: 1 })], at(1));
    expect(decisions.map((d) => [d.awb, d.kind])).toEqual([
      [awbOf(1), 'WAITLISTED'],
      [awbOf(2), 'AIR'],
    ]);
    expect(decisions[0]).toMatchObject({ rejection: { code: AssignmentReason.NO_CAPACITY }, retryUntil: shared.cutoffAt - 45 * MINUTE_MS });
  });

  it('waits for capacity on the alternatives when they are all full, until the last truck that catches one', () => {
    const full = belly('MU2509', 30);
    const ledger = ledgerOf([full]);
    ledger.book([full.flightId], 900, 1);
    const [decision] = plan([full], [d1()], at(1), ledger);
    expect(decision).toMatchObject({ kind: 'WAITLISTED', rejection: { code: AssignmentReason.NO_CAPACITY }, retryUntil: full.cutoffAt - 45 * MINUTE_MS });
  });
});

describe('plan until delivered: exceptions an operator must resolve', () => {
  it('cargo-aircraft-only with no freighter and no road feeder anywhere in the timetable', () => {
    const [decision] = plan([belly('MU2501', 10), belly('MU2509', 30)], [d1({ cargoAircraftOnly: true })], at(1));
    expect(decision).toMatchObject({ kind: 'EXCEPTION', rejection: { code: AssignmentReason.CAO_NO_FREIGHTER, explanation: expect.stringContaining('an operator must resolve it') } });
  });

  it('temperature-controlled with no cold-chain capable flight', () => {
    const [decision] = plan([belly('MU2501', 10, { coldChain: false })], [d1({ temperatureControlled: true })], at(1));
    expect(decision).toMatchObject({ kind: 'EXCEPTION', rejection: { code: AssignmentReason.NO_COLD_CHAIN } });
  });

  it('no route at all: nothing serves the destination, or every departure is gone', () => {
    expect(plan([belly('MU2501', 10)], [d1({ destination: 'ULN' })], at(1))[0]).toMatchObject({ kind: 'EXCEPTION', rejection: { code: AssignmentReason.NO_ROUTE } });
    expect(plan([belly('MU2501', 10)], [d1()], at(9))[0]).toMatchObject({ kind: 'EXCEPTION', rejection: { code: AssignmentReason.NO_ROUTE } });
  });

  it('a CAO shipment may still go by road: the truck carries it, so no exception', () => {
    const [decision] = plan([belly('MU2501', 10), truck('MU9801', 4, 8)], [d1({ cargoAircraftOnly: true })], at(1));
    expect(decision).toMatchObject({ kind: 'ROAD_FEEDER' });
  });
});

describe('nextAttemptAt', () => {
  it('re-checks periodically, and just after the retry deadline when that comes first; always after now', () => {
    expect(nextAttemptAt({ retryUntil: at(10) }, at(1))).toBe(at(1) + WAITLIST_RECHECK_MS);
    expect(nextAttemptAt({ retryUntil: at(1, 10) }, at(1))).toBe(at(1, 10) + 1);
    expect(nextAttemptAt({ retryUntil: at(1) }, at(1))).toBe(at(1) + 1);
  });
});

/** A random small network around WUH/EHU, PVG/HKG transfers and a few destinations. */
const destinations = ['PVG', 'HKG', 'FRA', 'ICN', 'ULN'] as const;
const flightArb = (i: number): fc.Arbitrary<Flight> =>
  fc
    .record({
      kind: fc.constantFrom('BELLY', 'FREIGHTER', 'TRUCK') as fc.Arbitrary<'BELLY' | 'FREIGHTER' | 'TRUCK'>,
      origin: fc.constantFrom('WUH', 'EHU'),
      destination: fc.constantFrom(...destinations),
      hour: fc.integer({ min: 0, max: 70 }),
      hours: fc.integer({ min: 1, max: 14 }),
      capacityKg: fc.integer({ min: 200, max: 3000 }),
      coldChain: fc.boolean(),
      onward: fc.boolean(),
    })
    .map(({ kind, origin, destination, hour, hours, capacityKg, coldChain, onward }) => {
      const leg = kind === 'TRUCK' ? 'ROAD_FEEDER' : onward && destination !== 'PVG' && destination !== 'HKG' ? 'ONWARD' : 'FROM_WUHAN';
      const from = leg === 'ONWARD' ? (i % 2 === 0 ? 'PVG' : 'HKG') : origin;
      return flight({ flightNumber: `XX${1000 + i}`, origin: from, destination, aircraftKind: kind, leg, departureAt: at(hour), arrivalAt: at(hour + hours), capacityKg, capacityM3: capacityKg / 100, coldChain });
    });

const shipmentArb = (i: number) =>
  fc
    .record({
      level: fc.constantFrom('D1', 'D2', 'D3') as fc.Arbitrary<ServiceLevel>,
      destination: fc.constantFrom(...destinations),
      station: fc.constantFrom('OVS', 'EZS'),
      kg: fc.integer({ min: 10, max: 900 }),
      cao: fc.boolean(),
      cold: fc.boolean(),
      receivedHour: fc.integer({ min: 0, max: 6 }),
    })
    .map(({ level, destination, station, kg, cao, cold, receivedHour }) =>
      shipment({ awb: awbOf(i), serviceLevel: level, destination, stationCode: station, grossWeightKg: kg, volumeM3: kg / 400, cargoAircraftOnly: cao, temperatureControlled: cold, receivedAt: at(receivedHour) }),
    );

describe('the no-orphan invariant (property)', () => {
  it('every shipment gets a booking, a wait-listing with a next attempt, or an exception; nothing is overbooked', () => {
    const scenario = fc.record({
      flights: fc.integer({ min: 0, max: 14 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => flightArb(i)))),
      shipments: fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => shipmentArb(i)))),
      nowHour: fc.integer({ min: 0, max: 48 }),
      policy: fc.constantFrom('BATCH', 'FCFS') as fc.Arbitrary<'BATCH' | 'FCFS'>,
    });
    fc.assert(
      fc.property(scenario, ({ flights, shipments, nowHour, policy }) => {
        const now = at(nowHour);
        const ledger = ledgerOf(flights);
        const { decisions } = planBatch(shipments, network(flights), ledger, now, policy);
        expect(decisions.map((d) => d.awb)).toEqual(shipments.map((s) => s.awb));
        for (const d of decisions) expect(hasPlan(d, now)).toBe(true);
        for (const f of flights) expect(ledger.account(f.flightId).bookedKg).toBeLessThanOrEqual(f.capacityKg + 1e-6);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

/** A decision that leaves the shipment with a plan: a booking (late only with the missed promise named), a wait with a next attempt, or an exception with a reason. */
function hasPlan(d: PlanDecision, now: number): boolean {
  switch (d.kind) {
    case 'AIR':
      return d.itinerary.onTime || d.missedPromise !== undefined;
    case 'ROAD_FEEDER':
      return d.airRejection.code.length > 0;
    case 'WAITLISTED':
      return Number.isFinite(d.retryUntil) && d.retryUntil >= now && nextAttemptAt(d, now) > now && nextAttemptAt(d, now) <= Math.min(now + WAITLIST_RECHECK_MS, d.standbyFrom ?? Infinity, d.retryUntil + 1);
    case 'EXCEPTION':
      return d.rejection.code.length > 0 && d.rejection.explanation.length > 0;
  }
}
