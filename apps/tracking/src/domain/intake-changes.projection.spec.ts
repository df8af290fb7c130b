import { projectShipment, publicViewOf } from './shipment.projection';
import { AWB, assigned, cancelledAtStation, corrected, failed, hold, received, release } from './tracked-events.spec-helper';
import type { TrackedEvent } from './tracked-event.model';

const project = (events: TrackedEvent[]) => projectShipment(AWB, events);

/** Every order of a short list (the events of one test). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('projectShipment: corrections and cancellations at the station', () => {
  it('a correction shows the corrected pieces and a COR entry saying what changed, in any delivery order', () => {
    const events = [received(), corrected('2026-11-25T01:40:00Z', { pieces: 14, grossWeightKg: 512 }), release('2026-11-25T03:40:00Z')];
    const view = project(events);
    expect(view).toMatchObject({ status: 'CCD', pieces: 14 });
    expect(view.timeline.map((t) => t.code)).toEqual(['RCS', 'COR', 'CCD']);
    expect(view.timeline[1]).toMatchObject({ place: 'OVS', summary: expect.stringMatching(/pieces 12 → 14, grossWeightKg 486.5 → 512/) });
    for (const order of permutations(events)) expect(project(order)).toEqual(view);
  });

  it('of two corrections the newer intake version stands; an older one is history only', () => {
    const second = corrected('2026-11-25T01:20:00Z', { pieces: 11 }, { intakeVersion: 3 });
    const first = corrected('2026-11-25T01:30:00Z', { pieces: 13 }, { intakeVersion: 2 });
    const view = project([received(), second, first]);
    expect(view.pieces).toBe(11);
    expect(view.timeline.find((t) => t.eventId === first.eventId)?.summary).toContain('superseded by intake version 3');
  });

  it('a cancellation is final: status CXL, no next activity, no booking shown, even before the offload arrives', () => {
    const booked = assigned();
    const cancel = cancelledAtStation('2026-11-25T04:00:00Z');
    const view = project([received(), release('2026-11-25T03:40:00Z'), booked, cancel]);
    expect(view).toMatchObject({ status: 'CXL', statusAt: '2026-11-25T04:00:00Z', cancelled: { at: '2026-11-25T04:00:00Z', reason: 'Shipper withdrew the shipment before dispatch' }, booking: null, eta: null, nextActivity: null });
    expect(view.flags).toEqual([]);
    const offload = failed({ outcome: 'OFFLOADED', previousFlightId: 'O36921-2026-11-25', decidedAt: '2026-11-25T04:00:05Z', reason: { code: 'CARGO_CANCELLED', explanation: 'Cancelled at OVS' } });
    const after = project([received(), release('2026-11-25T03:40:00Z'), booked, cancel, offload]);
    expect(after).toMatchObject({ status: 'CXL', booking: null, nextActivity: null });
    expect(after.timeline.map((t) => t.code)).toEqual(['RCS', 'CCD', 'BKD', 'CXL', 'OFL']);
    expect(publicViewOf(after)).toMatchObject({ status: 'CXL', booking: null });
  });

  it('a cancellation overrides an open hold (customs closes the case): CXL, nothing more to do', () => {
    const held = project([received(), hold('2026-11-25T01:14:33Z')]);
    expect(held.status).toBe('TGC');
    expect(project([received(), hold('2026-11-25T01:14:33Z'), cancelledAtStation('2026-11-25T02:00:00Z')])).toMatchObject({ status: 'CXL', nextActivity: null });
  });
});
