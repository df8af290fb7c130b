/** What time it is for the domain. Services never call `new Date()` for domain time; they ask a Clock. */
export interface Clock {
  now(): Date;
}

/** Nest injection token for the service's Clock. */
export const CLOCK = Symbol('CLOCK');

/**
 * A clock that runs `speed` times faster than real time from an origin: at real time `realOrigin`
 * it shows `simOrigin`. Every process given the same three numbers shows the same time, which is how
 * the services and the simulator share one accelerated day (e.g. 60×) without talking to each other.
 * With speed 1 and equal origins it is the system clock.
 */
export class ScaledClock implements Clock {
  constructor(
    private readonly speed = 1,
    private readonly simOriginMs = Date.now(),
    private readonly realOriginMs = simOriginMs,
  ) {
    if (!(speed > 0)) throw new Error(`clock speed must be positive, got ${speed}`);
  }

  now(): Date {
    return new Date(this.simOriginMs + (Date.now() - this.realOriginMs) * this.speed);
  }

  get factor(): number {
    return this.speed;
  }
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

export interface ClockSettings {
  CLOCK_SPEED: number;
  CLOCK_SIM_ORIGIN: string | undefined;
  CLOCK_REAL_ORIGIN: number | undefined;
}

/** Builds the clock a service's config describes (speed 1 without origins = system clock). */
export function clockFromConfig(settings: ClockSettings): Clock {
  if (settings.CLOCK_SPEED === 1 && !settings.CLOCK_SIM_ORIGIN) return systemClock;
  const realOrigin = settings.CLOCK_REAL_ORIGIN ?? Date.now();
  const simOrigin = settings.CLOCK_SIM_ORIGIN ? Date.parse(settings.CLOCK_SIM_ORIGIN) : realOrigin;
  return new ScaledClock(settings.CLOCK_SPEED, simOrigin, realOrigin);
}
