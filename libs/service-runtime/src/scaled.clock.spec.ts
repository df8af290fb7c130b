import { Clock, clockFromConfig, ManualClock, ScaledClock, SystemClock, systemClock } from './scaled.clock';

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
    expect(a).toBeInstanceOf(ScaledClock);
    expect(a.now().toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(b.now().getTime()).toBe(a.now().getTime());
  });

  it('is the system clock by default', () => {
    expect(clockFromConfig({ CLOCK_SPEED: 1, CLOCK_SIM_ORIGIN: undefined, CLOCK_REAL_ORIGIN: undefined })).toBe(systemClock);
    expect(clockFromConfig({ CLOCK_SPEED: 1, CLOCK_SIM_ORIGIN: undefined, CLOCK_REAL_ORIGIN: undefined, CLOCK_MODE: 'scaled' })).toBe(systemClock);
  });

  it('rejects a non-positive speed', () => {
    expect(() => new ScaledClock(0)).toThrow(/positive/);
  });
});

describe('SystemClock', () => {
  afterEach(() => jest.useRealTimers());

  it('is a Clock that shows the host time, a fresh Date each call', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T03:00:00Z') });
    expect(systemClock).toBeInstanceOf(SystemClock);
    expect(systemClock).toBeInstanceOf(Clock);
    expect(systemClock.now().toISOString()).toBe('2026-11-25T03:00:00.000Z');
    expect(systemClock.now()).not.toBe(systemClock.now());
  });
});

describe('ManualClock', () => {
  it('starts at the origin and moves only forward, when told', () => {
    const clock = new ManualClock(Date.parse('2026-11-25T00:00:00Z'));
    expect(clock).toBeInstanceOf(Clock);
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-11-25T01:30:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.now().getTime()).toBe(Date.parse('2026-11-25T01:30:00Z'));
  });

  it('does not move with real time, and hands out a fresh Date each call', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T00:00:00Z') });
    try {
      const clock = new ManualClock(Date.parse('2026-11-25T06:00:00Z'));
      const first = clock.now();
      jest.advanceTimersByTime(3_600_000);
      first.setTime(0);
      expect(clock.now().toISOString()).toBe('2026-11-25T06:00:00.000Z');
    } finally {
      jest.useRealTimers();
    }
  });

  it('CLOCK_MODE=manual builds one: at CLOCK_SIM_ORIGIN, else at the shared clock’s now', () => {
    jest.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    try {
      const manual = clockFromConfig({ CLOCK_MODE: 'manual', CLOCK_SPEED: 1, CLOCK_SIM_ORIGIN: '2026-11-25T00:00:00Z', CLOCK_REAL_ORIGIN: undefined });
      expect(manual).toBeInstanceOf(ManualClock);
      expect(manual.now().toISOString()).toBe('2026-11-25T00:00:00.000Z');
      const fromNow = clockFromConfig({ CLOCK_MODE: 'manual', CLOCK_SPEED: 1, CLOCK_SIM_ORIGIN: undefined, CLOCK_REAL_ORIGIN: undefined });
      expect(fromNow).toBeInstanceOf(ManualClock);
      expect(fromNow.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
      // No sim origin, shared clock at 60× since a real origin one minute ago: it shows an hour later; the manual clock stops there.
      const fromScaled = clockFromConfig({ CLOCK_MODE: 'manual', CLOCK_SPEED: 60, CLOCK_SIM_ORIGIN: undefined, CLOCK_REAL_ORIGIN: Date.parse('2029-12-31T23:59:00Z') });
      expect(fromScaled.now().toISOString()).toBe('2030-01-01T00:59:00.000Z');
      jest.advanceTimersByTime(60_000);
      expect(fromScaled.now().toISOString()).toBe('2030-01-01T00:59:00.000Z');
    } finally {
      jest.useRealTimers();
    }
  });
});
