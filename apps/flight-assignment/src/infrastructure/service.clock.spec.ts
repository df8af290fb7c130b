import type { Clock } from '../application/clock.port';
import { ManualClock, ScaledServiceClock, createServiceClock } from './service.clock';

describe('service clocks', () => {
  it('a manual clock starts at the origin and moves only forward, when told', () => {
    const clock = new ManualClock(Date.parse('2026-11-25T00:00:00Z'));
    clock.advance(90 * 60_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(clock.now()).toBe(Date.parse('2026-11-25T01:30:00Z'));
  });

  it('the scaled clock reads the shared runtime clock (accelerated like the simulator’s)', () => {
    let t = Date.parse('2026-11-25T06:00:00Z');
    const clock: Clock = new ScaledServiceClock({ now: () => new Date(t) });
    t += 60 * 60_000;
    expect(clock.now()).toBe(Date.parse('2026-11-25T07:00:00Z'));
    expect(clock.advance).toBeUndefined();
  });

  it('CLOCK_MODE picks the clock; manual starts at CLOCK_SIM_ORIGIN', () => {
    const runtime = { now: () => new Date('2030-01-01T00:00:00Z') };
    expect(createServiceClock('manual', runtime, '2026-11-25T00:00:00Z').now()).toBe(Date.parse('2026-11-25T00:00:00Z'));
    expect(createServiceClock('manual', runtime, undefined).now()).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(createServiceClock('scaled', runtime, '2026-11-25T00:00:00Z').mode).toBe('scaled');
  });
});
