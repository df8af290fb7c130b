import { isOverdue, projectShipment, withReadTimeFlags, type FlagCode } from './shipment.projection';
import { AWB, assigned, manifest, received, release, scan } from './tracked-events.spec-helper';
import type { TrackedEvent } from './tracked-event.model';

const project = (events: TrackedEvent[]) => projectShipment(AWB, events);
const flagCodes = (events: TrackedEvent[]): FlagCode[] => project(events).flags.map((f) => f.code);

/**
 * After departure, as the airlines report it. The example shipment: 12 pieces received at OVS for
 * FRA (D3, promised by 2026-11-28T01:12Z), booked on O36921 EHU→FRA departing 14:30, arriving 02:20
 * the next day.
 */
function departed(): TrackedEvent[] {
  return [
    received(),
    release('2026-11-25T03:40:00Z'),
    assigned(),
    manifest(),
    scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36921', source: 'AIRLINE', stationCode: undefined }),
  ];
}
const arr = (at = '2026-11-26T02:25:00Z', place = 'FRA') => scan('ARR', at, { place, flightNumber: 'O36921', source: 'AIRLINE', stationCode: undefined });
const rcf = (pieces: number, at = '2026-11-26T03:10:00Z', place = 'FRA') => scan('RCF', at, { place, pieces, flightNumber: 'O36921', source: 'AIRLINE', stationCode: undefined });
const nfd = (at = '2026-11-26T04:00:00Z') => scan('NFD', at, { place: 'FRA', pieces: undefined, source: 'AIRLINE', stationCode: undefined });
const dlv = (at = '2026-11-26T09:00:00Z') => scan('DLV', at, { place: 'FRA', source: 'AIRLINE', stationCode: undefined });

/** The same shipment booked via Shanghai: MU2501 EHU→PVG (arrives 16:05), then MU219 PVG→FRA 18:30, arriving 06:40 the next day. */
function viaShanghai(): TrackedEvent[] {
  return [
    received(),
    release('2026-11-25T03:40:00Z'),
    assigned({
      flightId: 'MU2501-2026-11-25',
      flightNumber: 'MU2501',
      origin: 'EHU',
      departureAt: '2026-11-25T14:30:00Z',
      arrivalAt: '2026-11-25T16:05:00Z',
      aircraftKind: 'BELLY',
      connection: { flightId: 'MU219-2026-11-26', flightNumber: 'MU219', via: 'PVG', departureAt: '2026-11-25T18:30:00Z', arrivalAt: '2026-11-26T06:40:00Z' },
    }),
    scan('DEP', '2026-11-25T14:31:00Z', { place: 'EHU', flightNumber: 'MU2501', source: 'AIRLINE' }),
    scan('ARR', '2026-11-25T16:10:00Z', { place: 'PVG', flightNumber: 'MU2501', source: 'AIRLINE' }),
    scan('RCF', '2026-11-25T16:50:00Z', { place: 'PVG', flightNumber: 'MU2501', source: 'AIRLINE' }),
  ];
}

describe('projectShipment after departure: arrival, receipt from the flight, notification, delivery', () => {
  it('status and timeline run DEP → ARR → RCF → NFD → DLV; arrival and delivery times are kept; nothing is flagged', () => {
    expect(project([...departed(), arr()])).toMatchObject({ status: 'ARR', arrivedAt: '2026-11-26T02:25:00Z', eta: '2026-11-26T02:25:00Z', deliveredAt: null, nextActivity: { code: 'DELIVERY', place: 'FRA' } });
    expect(project([...departed(), arr(), rcf(12)])).toMatchObject({ status: 'RCF', nextActivity: { code: 'DELIVERY' } });
    expect(project([...departed(), arr(), rcf(12), nfd()])).toMatchObject({ status: 'NFD', statusAt: '2026-11-26T04:00:00Z', nextActivity: { code: 'DELIVERY' } });
    const all = [...departed(), arr(), rcf(12), nfd(), dlv()];
    const view = project(all);
    expect(view).toMatchObject({ status: 'DLV', statusAt: '2026-11-26T09:00:00Z', arrivedAt: '2026-11-26T02:25:00Z', deliveredAt: '2026-11-26T09:00:00Z', nextActivity: null, flags: [] });
    expect(view.timeline.map((t) => t.code)).toEqual(['RCS', 'CCD', 'BKD', 'MAN', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV']);
    expect(view.timeline.find((t) => t.code === 'RCF')?.summary).toBe('RCF at FRA on O36921, 12 pcs');
    // Late and out of order: the same view whatever the delivery order; a late ARR does not move DLV back.
    expect(project([...all].reverse())).toEqual(view);
    expect(project([...departed(), dlv(), arr()]).status).toBe('DLV');
  });

  it('a receipt from the flight stands for an arrival nobody reported; the public view shows arrival and delivery times', () => {
    expect(project([...departed(), rcf(12)])).toMatchObject({ status: 'RCF', arrivedAt: '2026-11-26T03:10:00Z' });
    const view = project([...departed(), dlv()]);
    expect(view).toMatchObject({ status: 'DLV', arrivedAt: '2026-11-26T09:00:00Z', deliveredAt: '2026-11-26T09:00:00Z' });
  });

  it('PIECES_SHORT when fewer pieces came off the flight than the station received (0 too), not when all did', () => {
    expect(flagCodes([...departed(), arr(), rcf(12)])).toEqual([]);
    const short = project([...departed(), arr(), rcf(10)]);
    expect(short.flags).toEqual([expect.objectContaining({ code: 'PIECES_SHORT', raisedAt: '2026-11-26T03:10:00Z', detail: '10 of 12 pieces received from O36921 at FRA' })]);
    expect(short.status).toBe('RCF');
    expect(flagCodes([...departed(), arr(), rcf(0)])).toEqual(['PIECES_SHORT']);
  });

  it('DEPARTURE_ASSUMED while the only departure on record is the one the hub assumed; the airline’s own DEP clears it', () => {
    const assumed = scan('DEP', '2026-11-25T14:30:00Z', { place: 'EHU', flightNumber: 'O36921', source: 'ASSUMED', recordedAt: '2026-11-25T15:00:00Z', remarks: 'Departure assumed: no DEP from the airline 30 min after the scheduled departure' });
    const base = [received(), release('2026-11-25T03:40:00Z'), assigned(), manifest(), assumed];
    const view = project(base);
    expect(view).toMatchObject({ status: 'DEP', departedFlightNumber: 'O36921' });
    expect(view.flags).toEqual([expect.objectContaining({ code: 'DEPARTURE_ASSUMED', eventId: assumed.eventId, raisedAt: '2026-11-25T14:30:00Z' })]);
    expect(flagCodes([...base, scan('DEP', '2026-11-25T14:52:00Z', { place: 'EHU', flightNumber: 'O36921', source: 'AIRLINE' })])).toEqual([]);
  });

  it('the ETA moves by the departure delay the airline reported (not by an assumed departure)', () => {
    const late = scan('DEP', '2026-11-25T15:10:00Z', { place: 'EHU', flightNumber: 'O36921', source: 'AIRLINE' });
    expect(project([received(), assigned(), manifest(), late]).eta).toBe('2026-11-26T03:00:00Z');
    const assumed = scan('DEP', '2026-11-25T14:30:00Z', { place: 'EHU', flightNumber: 'O36921', source: 'ASSUMED' });
    expect(project([received(), assigned(), manifest(), assumed]).eta).toBe('2026-11-26T02:20:00Z');
    const early = scan('DEP', '2026-11-25T14:20:00Z', { place: 'EHU', flightNumber: 'O36921', source: 'AIRLINE' });
    expect(project([received(), assigned(), manifest(), early]).eta).toBe('2026-11-26T02:20:00Z');
  });

  describe('a transfer via Shanghai', () => {
    it('arrival and receipt at the transfer hub are not arrival: next is the transfer, then the arrival at FRA', () => {
      const atHub = project(viaShanghai());
      expect(atHub).toMatchObject({ status: 'DEP', arrivedAt: null, eta: '2026-11-26T06:40:00Z', flags: [], nextActivity: { code: 'TRANSFER', place: 'PVG', flightNumber: 'MU219', dueBy: '2026-11-25T18:30:00Z' } });
      const onward = project([...viaShanghai(), scan('DEP', '2026-11-25T18:45:00Z', { place: 'PVG', flightNumber: 'MU219', source: 'AIRLINE' })]);
      expect(onward).toMatchObject({ status: 'DEP', flags: [], eta: '2026-11-26T06:55:00Z', nextActivity: { code: 'ARRIVAL', place: 'FRA' } });
      expect(project([...viaShanghai(), scan('ARR', '2026-11-26T06:50:00Z', { place: 'FRA', flightNumber: 'MU219', source: 'AIRLINE' })])).toMatchObject({ status: 'ARR', arrivedAt: '2026-11-26T06:50:00Z' });
    });

    it('MISROUTED when it leaves the hub on another flight than the booked onward one, or turns up off the booked route', () => {
      const wrongOnward = project([...viaShanghai(), scan('DEP', '2026-11-25T19:10:00Z', { place: 'PVG', flightNumber: 'MU551', source: 'AIRLINE' })]);
      expect(wrongOnward.flags).toEqual([expect.objectContaining({ code: 'MISROUTED', detail: 'Left PVG on MU551, booked onward from PVG on MU219' })]);
      const offRoute = project([...viaShanghai(), scan('ARR', '2026-11-26T07:05:00Z', { place: 'LHR', flightNumber: 'MU551', source: 'AIRLINE' })]);
      expect(offRoute.flags.map((f) => f.code)).toEqual(['MISROUTED']);
      expect(offRoute.flags[0]?.detail).toContain('not on the booked route EHU→PVG→FRA');
      expect(offRoute.status).toBe('DEP');
    });

    it('a direct booking that departs again from somewhere else is misrouted; a departure from Wuhan on another flight stays WRONG_FLIGHT', () => {
      expect(flagCodes([...departed(), scan('DEP', '2026-11-26T05:00:00Z', { place: 'FRA', flightNumber: 'LH400', source: 'AIRLINE' })])).toEqual(['MISROUTED']);
      expect(flagCodes([received(), assigned(), manifest(), scan('DEP', '2026-11-25T14:35:00Z', { place: 'EHU', flightNumber: 'O36923', source: 'AIRLINE' })])).toEqual(['WRONG_FLIGHT']);
    });
  });

  describe('NOT_ARRIVED_BY_ETA, computed when read on the shared clock', () => {
    it('is raised for a departed or manifested shipment past its ETA without an arrival, and only then', () => {
      const inFlight = project(departed());
      expect(inFlight.flags).toEqual([]);
      // Departed 5 minutes late: the ETA is 02:25, not the booked 02:20.
      expect(inFlight.eta).toBe('2026-11-26T02:25:00Z');
      expect(withReadTimeFlags(inFlight, new Date('2026-11-26T02:24:00Z')).flags).toEqual([]);
      const overdue = withReadTimeFlags(inFlight, new Date('2026-11-26T02:26:00Z'));
      expect(overdue.flags).toEqual([expect.objectContaining({ code: 'NOT_ARRIVED_BY_ETA', raisedAt: '2026-11-26T02:25:00Z' })]);
      expect(overdue.flags[0]?.detail).toContain('Not arrived at FRA by its ETA 2026-11-26T02:25:00Z');
      expect(isOverdue(project([received(), assigned(), manifest()]), new Date('2026-11-27T00:00:00Z'))).toBe(true);
      // Arrived, delivered, or not yet manifested: nothing is overdue.
      expect(withReadTimeFlags(project([...departed(), arr()]), new Date('2026-11-27T00:00:00Z')).flags).toEqual([]);
      expect(withReadTimeFlags(project([...departed(), dlv()]), new Date('2026-11-27T00:00:00Z')).flags).toEqual([]);
      expect(isOverdue(project([received(), assigned()]), new Date('2026-11-27T00:00:00Z'))).toBe(false);
    });

    it('is never stored: the projection of the same events is the same at any time', () => {
      expect(project(departed()).flags.map((f) => f.code)).not.toContain('NOT_ARRIVED_BY_ETA');
    });
  });
});
