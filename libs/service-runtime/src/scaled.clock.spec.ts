import { clockFromConfig, ScaledClock, systemClock } from './scaled.clock';

describe('ScaledClock', () => {
  afterEach(() => jest.useRealTimers());

  it('runs speed times faster from its origin', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T00:00:00Z') });
    const clock = new ScaledClock(60, Date.parse('2026-11-25T06:00:00Z'), Date.now());
    expect(clock.now().toISOString()).toBe('2026-11-25T06:00:00.000Z');
    jest.advanceTimersByTime(60_000);
    expect(clock.now().toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  it('shows the same time in every process given the same settings', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T00:10:00Z') });
    const settings = { CLOCK_SPEED: 60, CLOCK_SIM_ORIGIN: '2026-11-25T06:00:00Z', CLOCK_REAL_ORIGIN: Date.parse('2026-11-25T00:00:00Z') };
    const a = clockFromConfig(settings);
    const b = clockFromConfig({ ...settings });
    expect(a.now().toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(b.now().getTime()).toBe(a.now().getTime());
  });

  it('is the system clock by default', () => {
    expect(clockFromConfig({ CLOCK_SPEED: 1, CLOCK_SIM_ORIGIN: undefined, CLOCK_REAL_ORIGIN: undefined })).toBe(systemClock);
  });

  it('rejects a non-positive speed', () => {
    expect(() => new ScaledClock(0)).toThrow(/positive/);
  });
});
