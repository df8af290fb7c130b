import { projectShipment, type FlagCode, type StatusCode } from './shipment.projection';
import { AWB, assigned, failed, happyPath, hold, manifest, received, release, scan } from './tracked-events.spec-helper';
import type { TrackedEvent } from './tracked-event.model';

const project = (events: TrackedEvent[]) => projectShipment(AWB, events);
const statusAfter = (events: TrackedEvent[]) => project(events).status;
const flagCodes = (events: TrackedEvent[]): FlagCode[] => project(events).flags.map((f) => f.code);

/** Deterministic shuffles (a small LCG), so a failure is reproducible. */
function shuffles(events: TrackedEvent[], count: number): TrackedEvent[][] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => {
    const copy = [...events];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rnd() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  });
}

describe('projectShipment: ordering and replay', () => {
  it('orders the timeline by when things happened, whatever the delivery order', () => {
    const events = happyPath();
    const expected = project(events);
    expect(expected.timeline.map((t) => t.code)).toEqual(['RCS', 'TGC', 'CCD', 'BKD', 'TDP', 'TAR', 'MAN', 'DEP', 'ARR', 'DLV']);
    for (const order of shuffles(events, 25)) expect(project(order)).toEqual(expected);
  });

  it('places a late-recorded scan where it happened and marks it recorded late', () => {
    const events = happyPath();
    const lateTdp = scan('TDP', '2026-11-25T06:05:00Z', { place: 'OVS', recordedAt: '2026-11-25T12:00:00Z' }, 'late-tdp');
    const withLate = [...events.filter((e) => !(e.kind === 'HandlingScanned' && e.data.code === 'TDP')), lateTdp];
    const view = project(withLate);
    const index = view.timeline.findIndex((t) => t.eventId === 'late-tdp');
    expect(view.timeline[index - 1].code).toBe('BKD');
    expect(view.timeline[index + 1].code).toBe('TAR');
    expect(view.timeline[index]).toMatchObject({ recordedLate: true, recordedAt: '2026-11-25T12:00:00Z', happenedAt: '2026-11-25T06:05:00Z' });
    expect(view.timeline.filter((t) => t.code === 'DEP')[0].recordedLate).toBe(false);
  });

  it('a late DEP arriving after ARR still ends in ARR, not DEP', () => {
    const dep = scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921', recordedAt: '2026-11-26T03:00:00Z' });
    const arr = scan('ARR', '2026-11-26T02:25:00Z', { place: 'FRA', flightNumber: 'O36921' });
    expect(statusAfter([received(), release('2026-11-25T03:40:00Z'), assigned(), arr, dep])).toBe('ARR');
  });

  it('breaks ties on happenedAt by recordedAt, then by event id', () => {
    const t = '2026-11-25T06:00:00Z';
    const a = scan('LOT', t, { recordedAt: '2026-11-25T06:02:00Z' }, 'b-id');
    const b = scan('TDP', t, { recordedAt: '2026-11-25T06:01:00Z' }, 'z-id');
    const c = scan('FOH', t, { recordedAt: '2026-11-25T06:01:00Z' }, 'a-id');
    expect(project([a, b, c]).timeline.map((e) => e.eventId)).toEqual(['a-id', 'z-id', 'b-id']);
  });

  it('ignores a redelivered event (same id)', () => {
    const r = received();
    expect(project([r, r, { ...r }]).timeline).toHaveLength(1);
  });

  it('ignores events of other AWBs', () => {
    expect(project([received(), { ...scan('FOH', '2026-11-25T02:00:00Z'), awb: '112-76543213' }]).timeline).toHaveLength(1);
  });
});

describe('projectShipment: decisions by version, not by arrival or by their own times', () => {
  it('a hold older than the release (version 2 < 3) leaves the shipment cleared, in every order, even when stamped later', () => {
    const events = [
      received(),
      release('2026-11-25T03:40:00Z', { decisionVersion: 3 }),
      // Recorded by customs with a later time than the release, yet an older decision of the case.
      hold('2026-11-25T04:00:00Z', { decisionVersion: 2 }),
    ];
    const expected = project(events);
    expect(expected).toMatchObject({ status: 'CCD', cleared: true, openHold: null, nextActivity: { code: 'FLIGHT_ASSIGNMENT' } });
    expect(expected.timeline.find((t) => t.code === 'TGC')).toMatchObject({ superseded: true, summary: expect.stringContaining('superseded by decision version 3') });
    for (const order of shuffles(events, 10)) expect(project(order)).toEqual(expected);
  });

  it('a release older than the hold (version 2 < 3) leaves the shipment held, even when stamped later', () => {
    const events = [received(), hold('2026-11-25T03:00:00Z', { decisionVersion: 3 }), release('2026-11-25T03:40:00Z', { decisionVersion: 2 })];
    expect(project(events)).toMatchObject({ status: 'TGC', cleared: false, openHold: { caseId: expect.any(String) } });
    expect(project(events).timeline.find((t) => t.code === 'CCD')?.superseded).toBe(true);
  });

  it('raises no flag for a superseded decision (an old hold after the manifest is not HELD_AFTER_MANIFEST)', () => {
    const base = [received(), release('2026-11-25T03:40:00Z', { decisionVersion: 5 }), assigned(), manifest()];
    expect(flagCodes([...base, hold('2026-11-25T12:00:00Z', { decisionVersion: 4 })])).toEqual([]);
    expect(flagCodes([...base, hold('2026-11-25T12:00:00Z', { decisionVersion: 6 })])).toEqual(['HELD_AFTER_MANIFEST']);
  });

  it('the newest assignment decision gives the booking, whatever the decision times (an offload and a re-booking at the same instant)', () => {
    const at = '2026-11-25T05:00:00Z';
    const first = assigned({ decisionVersion: 1 });
    const offload = failed({ outcome: 'OFFLOADED', previousFlightId: 'O36921-2026-11-25', decidedAt: at, decisionVersion: 2, reason: { code: 'FLIGHT_CANCELLED', explanation: 'cancelled' } });
    const rebook = assigned({ outcome: 'REASSIGNED', previousFlightId: 'O36921-2026-11-25', flightId: 'O36923-2026-11-25', flightNumber: 'O36923', decidedAt: at, decisionVersion: 3 });
    const events = [received(), release('2026-11-25T03:40:00Z'), first, offload, rebook];
    for (const order of shuffles(events, 10)) expect(project(order)).toMatchObject({ status: 'BKD', booking: { flightNumber: 'O36923' } });
  });

  it('events from before versions (no decisionVersion) keep the timeline order, and a versioned decision outranks them', () => {
    const legacyHold = hold('2026-11-25T03:00:00Z', { decisionVersion: undefined });
    const legacyRelease = release('2026-11-25T03:40:00Z', { decisionVersion: undefined });
    expect(project([received(), legacyHold, legacyRelease])).toMatchObject({ status: 'CCD', cleared: true });
    expect(project([received(), legacyRelease, hold('2026-11-25T03:50:00Z', { decisionVersion: undefined })])).toMatchObject({ status: 'TGC' });
    expect(project([received(), hold('2026-11-25T03:00:00Z', { decisionVersion: 1 }), legacyRelease])).toMatchObject({ status: 'TGC' });
  });
});

describe('projectShipment: status codes', () => {
  const r = received();
  const h = hold('2026-11-25T01:14:33Z');
  const c = release('2026-11-25T03:40:00Z');
  const b = assigned();
  const m = manifest();
  const cases: Array<[StatusCode | null, TrackedEvent[]]> = [
    [null, []],
    ['RCS', [r]],
    ['FOH', [r, scan('FOH', '2026-11-25T01:30:00Z')]],
    ['TGC', [r, h]],
    ['CCD', [r, h, c]],
    ['BKD', [r, c, b]],
    ['MAN', [r, c, b, m]],
    ['DEP', [r, c, b, m, scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921' })]],
    ['ARR', [r, c, b, m, scan('ARR', '2026-11-26T02:25:00Z', { place: 'FRA' })]],
    ['DLV', happyPath()],
  ];
  it.each(cases)('%s', (status, events) => {
    expect(statusAfter(events)).toBe(status);
  });

  it('TGC while held, whatever stage it is at, and back to the stage on release', () => {
    const events = [received(), release('2026-11-25T03:40:00Z'), assigned(), manifest(), hold('2026-11-25T12:00:00Z')];
    expect(statusAfter(events)).toBe('TGC');
    expect(project(events).openHold).toMatchObject({ caseId: 'CASE-OVS-20261125-0042', reasons: ['SCREENING'] });
    expect(statusAfter([...events, release('2026-11-25T12:30:00Z')])).toBe('MAN');
  });

  it('an offload takes a booked shipment back to CCD and drops the booking; a re-assignment books it again', () => {
    const booked = assigned();
    const offload = failed({ outcome: 'OFFLOADED', previousFlightId: 'O36921-2026-11-25', decidedAt: '2026-11-25T05:00:00Z', reason: { code: 'FLIGHT_CANCELLED', explanation: 'cancelled' } });
    const events = [received(), release('2026-11-25T03:40:00Z'), booked, offload];
    expect(project(events)).toMatchObject({ status: 'CCD', booking: null, nextActivity: { code: 'FLIGHT_ASSIGNMENT' } });
    const rebook = assigned({ outcome: 'REASSIGNED', previousFlightId: 'O36921-2026-11-25', flightId: 'O36923-2026-11-25', flightNumber: 'O36923', decidedAt: '2026-11-25T05:10:00Z' });
    expect(project([...events, rebook])).toMatchObject({ status: 'BKD', booking: { flightNumber: 'O36923' } });
  });

  it('wait-listing keeps CCD and says until when it is retried', () => {
    const view = project([received(), release('2026-11-25T03:40:00Z'), failed()]);
    expect(view).toMatchObject({ status: 'CCD', waitlistedUntil: '2026-11-26T14:00:00Z', nextActivity: { code: 'FLIGHT_ASSIGNMENT', dueBy: '2026-11-26T14:00:00Z' } });
    expect(view.timeline.map((t) => t.code)).toEqual(['RCS', 'CCD', 'WTL']);
  });

  it('records the status time as when the status last changed', () => {
    const view = project([received(), release('2026-11-25T03:40:00Z'), scan('DIS', '2026-11-25T04:00:00Z', { remarks: 'one carton wet' })]);
    expect(view).toMatchObject({ status: 'CCD', statusAt: '2026-11-25T03:40:00Z' });
  });
});

describe('projectShipment: booking, ETA and next activity', () => {
  it('carries the booked flight, airport and ETA', () => {
    const view = project([received(), release('2026-11-25T03:40:00Z'), assigned()]);
    expect(view).toMatchObject({
      airport: 'EHU',
      booking: { flightNumber: 'O36921', origin: 'EHU', departureAt: '2026-11-25T14:30:00Z' },
      eta: '2026-11-26T02:20:00Z',
      destination: 'FRA',
      serviceLevel: 'D3',
      promisedBy: '2026-11-28T01:12:00.000Z',
    });
  });

  it('uses the connection arrival as ETA for a transfer itinerary', () => {
    const b = assigned({
      destination: 'ICN',
      arrivalAt: '2026-11-25T16:30:00Z',
      connection: { flightId: 'CX100-2026-11-25', flightNumber: 'CX100', via: 'HKG', departureAt: '2026-11-25T18:00:00Z', arrivalAt: '2026-11-25T21:30:00Z' },
    });
    expect(project([received(), b]).eta).toBe('2026-11-25T21:30:00Z');
  });

  it('the ETA becomes the actual arrival once ARR is scanned at destination', () => {
    expect(project(happyPath()).eta).toBe('2026-11-26T02:25:00Z');
  });

  it.each([
    ['CUSTOMS_CLEARANCE', [received()]],
    ['CUSTOMS_RELEASE', [received(), hold('2026-11-25T01:14:33Z')]],
    ['FLIGHT_ASSIGNMENT', [received(), release('2026-11-25T03:40:00Z')]],
    ['TRUCK_DEPARTURE', [received(), release('2026-11-25T03:40:00Z'), assigned()]],
    ['TRUCK_ARRIVAL', [received(), release('2026-11-25T03:40:00Z'), assigned(), scan('TDP', '2026-11-25T06:05:00Z')]],
    ['MANIFEST', [received(), release('2026-11-25T03:40:00Z'), assigned(), scan('TDP', '2026-11-25T06:05:00Z'), scan('TAR', '2026-11-25T07:00:00Z', { place: 'EHU' })]],
    ['DEPARTURE', [received(), release('2026-11-25T03:40:00Z'), assigned(), scan('TAR', '2026-11-25T07:00:00Z', { place: 'EHU' }), manifest()]],
    ['ARRIVAL', [received(), assigned(), scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921' })]],
    ['DELIVERY', [received(), scan('ARR', '2026-11-26T02:25:00Z', { place: 'FRA' })]],
  ])('next activity %s', (code, events) => {
    expect(project(events as TrackedEvent[]).nextActivity?.code).toBe(code);
  });

  it('no next activity once delivered', () => {
    expect(project(happyPath()).nextActivity).toBeNull();
  });
});

describe('projectShipment: discrepancy flags', () => {
  const booked = () => [received(), release('2026-11-25T03:40:00Z'), assigned({ origin: 'WUH', flightNumber: 'CZ3481', flightId: 'CZ3481-2026-11-25', aircraftKind: 'BELLY' })];

  it('the happy path raises no flag', () => {
    expect(flagCodes(happyPath())).toEqual([]);
  });

  it('WRONG_AIRPORT: scanned at EHU while booked from WUH', () => {
    const events = [...booked(), scan('TAR', '2026-11-25T07:00:00Z', { place: 'EHU' })];
    expect(flagCodes(events)).toEqual(['WRONG_AIRPORT']);
    expect(project(events).flags[0].detail).toContain('EHU while booked on CZ3481 from WUH');
  });

  it('WRONG_AIRPORT is not raised by a scan made before the booking', () => {
    const early = scan('FOH', '2026-11-25T02:00:00Z', { place: 'EHU' });
    expect(flagCodes([...booked(), early])).toEqual([]);
  });

  it('WRONG_FLIGHT: departed on another flight than booked', () => {
    expect(flagCodes([...booked(), scan('DEP', '2026-11-25T14:35:00Z', { place: 'WUH', flightNumber: 'MU2501' })])).toEqual(['WRONG_FLIGHT']);
    expect(flagCodes([...booked(), scan('DEP', '2026-11-25T14:35:00Z', { place: 'WUH', flightNumber: 'CZ3481' })])).toEqual([]);
  });

  it('HELD_AFTER_MANIFEST: a hold after the manifest closed', () => {
    const events = [received(), release('2026-11-25T03:40:00Z'), assigned(), manifest(), hold('2026-11-25T12:00:00Z')];
    expect(flagCodes(events)).toEqual(['HELD_AFTER_MANIFEST']);
    // the same hold before the manifest is no discrepancy
    expect(flagCodes([received(), release('2026-11-25T03:40:00Z'), assigned(), hold('2026-11-25T10:00:00Z'), manifest()])).toEqual([]);
  });

  it('DEPARTED_WHILE_HELD', () => {
    const events = [received(), assigned(), hold('2026-11-25T12:00:00Z'), scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921' })];
    expect(flagCodes(events)).toEqual(['DEPARTED_WHILE_HELD']);
  });

  it('TRUCK_LATE_FOR_CUTOFF: truck left after truckDepartBy, or reached the airport after cut-off', () => {
    const base = [received(), release('2026-11-25T03:40:00Z'), assigned()];
    expect(flagCodes([...base, scan('TDP', '2026-11-25T10:45:00Z')])).toEqual(['TRUCK_LATE_FOR_CUTOFF']);
    expect(flagCodes([...base, scan('TAR', '2026-11-25T11:45:00Z', { place: 'EHU' })])).toEqual(['TRUCK_LATE_FOR_CUTOFF']);
    expect(flagCodes([...base, scan('TDP', '2026-11-25T10:00:00Z'), scan('TAR', '2026-11-25T11:00:00Z', { place: 'EHU' })])).toEqual([]);
  });

  it('SERVICE_LEVEL_AT_RISK: booked arrival after the promise', () => {
    const d1 = received({ serviceLevel: 'D1', destinationAirport: 'PVG' });
    const late = assigned({ destination: 'PVG', departureAt: '2026-11-26T00:00:00Z', cutoffAt: '2026-11-25T22:00:00Z', truckDepartBy: '2026-11-25T21:00:00Z', arrivalAt: '2026-11-26T02:00:00Z' });
    expect(flagCodes([d1, late])).toEqual(['SERVICE_LEVEL_AT_RISK']);
    expect(flagCodes([d1, assigned({ destination: 'PVG', arrivalAt: '2026-11-25T16:30:00Z' })])).toEqual([]);
  });

  it('HANDLING_DISCREPANCY: a DIS scan', () => {
    const view = project([received(), scan('DIS', '2026-11-25T04:00:00Z', { place: 'OVS', remarks: '1 piece missing' })]);
    expect(view.flags).toEqual([
      {
        code: 'HANDLING_DISCREPANCY',
        raisedAt: '2026-11-25T04:00:00Z',
        eventId: expect.any(String),
        detail: 'Discrepancy at OVS: 1 piece missing',
        message: { key: 'flagDetail.HANDLING_DISCREPANCY', params: { place: 'OVS', remarks: '1 piece missing' }, text: 'Discrepancy at OVS: 1 piece missing' },
      },
    ]);
  });

  it('flags converge under any delivery order', () => {
    const events = [...booked(), scan('TAR', '2026-11-25T11:50:00Z', { place: 'EHU' }), scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921' })];
    const expected = project(events);
    expect(expected.flags.map((f) => f.code).sort()).toEqual(['TRUCK_LATE_FOR_CUTOFF', 'WRONG_AIRPORT', 'WRONG_AIRPORT', 'WRONG_FLIGHT']);
    for (const order of shuffles(events, 10)) expect(project(order)).toEqual(expected);
  });
});
