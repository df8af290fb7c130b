import { projectShipment } from './shipment.projection';
import { AWB, assigned, failed, received, release } from './tracked-events.spec-helper';

/** Plan until delivered (#15): what tracking shows for exceptions and for a later flight with a new promise. */
describe('projectShipment: assignment exceptions and revised promises', () => {
  const exception = () =>
    failed({ outcome: 'EXCEPTION', reason: { code: 'CAO_NO_FREIGHTER', explanation: 'Cargo-aircraft-only: no freighter to FRA in the timetable, nor a road feeder' }, decidedAt: '2026-11-25T03:41:02Z', retryUntil: undefined });

  it('an open exception: EXCEPTION and SERVICE_LEVEL_AT_RISK flags, no ETA, ops must resolve it next', () => {
    const view = projectShipment(AWB, [received(), release('2026-11-25T03:40:00Z'), exception()]);
    expect(view).toMatchObject({
      status: 'CCD',
      eta: null,
      waitlistedUntil: null,
      exception: { code: 'CAO_NO_FREIGHTER', since: '2026-11-25T03:41:02Z' },
      nextActivity: { code: 'EXCEPTION_RESOLUTION', place: 'OVS' },
    });
    expect(view.flags.map((f) => f.code)).toEqual(['EXCEPTION', 'SERVICE_LEVEL_AT_RISK']);
    expect(view.flags[0]).toMatchObject({ raisedAt: '2026-11-25T03:41:02Z', detail: expect.stringContaining('CAO_NO_FREIGHTER') });
    expect(view.timeline.map((e) => e.code)).toEqual(['RCS', 'CCD', 'EXC']);
  });

  it('the next assignment decision closes it: a booking after the resolution, or a wait-listing', () => {
    const resolved = projectShipment(AWB, [
      received(),
      release('2026-11-25T03:40:00Z'),
      exception(),
      assigned({ decidedAt: '2026-11-25T05:00:00Z', reason: { code: 'EXCEPTION_RESOLVED', explanation: 'Exception CAO_NO_FREIGHTER resolved by ops-1: added a freighter' } }),
    ]);
    expect(resolved).toMatchObject({ status: 'BKD', exception: null, nextActivity: { code: 'TRUCK_DEPARTURE' } });
    expect(resolved.flags).toEqual([]);
    const waiting = projectShipment(AWB, [received(), release('2026-11-25T03:40:00Z'), exception(), failed({ decidedAt: '2026-11-25T05:00:00Z' })]);
    expect(waiting).toMatchObject({ exception: null, waitlistedUntil: '2026-11-26T14:00:00Z', nextActivity: { code: 'FLIGHT_ASSIGNMENT', dueBy: '2026-11-26T14:00:00Z' } });
    expect(waiting.flags).toEqual([]);
  });

  it('a later flight: the booking carries the new promise, the ETA is its arrival, and the service level is flagged at risk', () => {
    const view = projectShipment(AWB, [
      received({ serviceLevel: 'D1', destinationAirport: 'PVG' }),
      release('2026-11-25T03:40:00Z'),
      assigned({
        destination: 'PVG',
        departureAt: '2026-11-26T03:00:00Z',
        cutoffAt: '2026-11-26T01:00:00Z',
        truckDepartBy: '2026-11-26T00:00:00Z',
        arrivalAt: '2026-11-26T05:00:00Z',
        reason: { code: 'LATER_FLIGHT', explanation: 'No flight keeps the D1 promise' },
        revisedPromise: '2026-11-26T05:00:00Z',
      }),
    ]);
    expect(view).toMatchObject({ promisedBy: '2026-11-26T01:12:00.000Z', revisedPromise: '2026-11-26T05:00:00Z', eta: '2026-11-26T05:00:00Z', exception: null });
    expect(view.flags.map((f) => f.code)).toEqual(['SERVICE_LEVEL_AT_RISK']);
  });
});
