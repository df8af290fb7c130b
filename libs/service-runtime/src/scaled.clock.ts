/**
 * What time it is for the domain. Services never call `new Date()` for domain time; they ask a Clock.
 *
 * An abstract class so it doubles as the Nest injection token: `ClockModule` provides the service's
 * one clock under it, and constructors take `clock: Clock` (or `@Inject(Clock) clock: Clock`).
 *
 * Invariants: each `now()` returns a fresh `Date` (callers may keep or change it). Scaled and manual
 * clocks never go backwards; the system clock follows the host's time.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The system clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that runs `speed` times faster than real time from an origin: at real time `realOrigin`
 * it shows `simOrigin`. Every process given the same three numbers shows the same time, which is how
 * the services and the simulator share one accelerated day (e.g. 60×) without talking to each other.
 * With speed 1 and equal origins it is the system clock.
 */
export class ScaledClock extends Clock {
  constructor(
    private readonly speed = 1,
    private readonly simOriginMs = Date.now(),
    private readonly realOriginMs = simOriginMs,
  ) {
    super();
    if (!(speed > 0)) throw new Error(`clock speed must be positive, got ${speed}`);
  }

  now(): Date {
    return new Date(this.simOriginMs + (Date.now() - this.realOriginMs) * this.speed);
  }

  get factor(): number {
    return this.speed;
  }
}

/**
 * Time that moves only when told to (`advance`): for tests and step-by-step simulation
 * (`CLOCK_MODE=manual`; flight-assignment's `POST /v1/ops/clock/advance` moves it).
 *
 * Invariant: never goes backwards (`advance` takes only a finite `ms ≥ 0`).
 */
export class ManualClock extends Clock {
  /** @param currentMs where the clock starts, epoch ms */
  constructor(private currentMs: number) {
    super();
  }

  now(): Date {
    return new Date(this.currentMs);
  }

  /** Moves time forward by `ms`; a negative or non-finite `ms` throws a RangeError and leaves the time as it was. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock only moves forward (got ${ms} ms)`);
    this.currentMs += ms;
  }
}

/** The system clock (one instance is enough: it has no state). */
export const systemClock: Clock = new SystemClock();

/** `scaled`: the shared clock (system time, or accelerated); `manual`: moves only through `ManualClock.advance`. */
export const CLOCK_MODES = ['scaled', 'manual'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

export interface ClockSettings {
  CLOCK_SPEED: number;
  CLOCK_SIM_ORIGIN: string | undefined;
  CLOCK_REAL_ORIGIN: number | undefined;
  /** Default `scaled`. */
  CLOCK_MODE?: ClockMode;
}

/**
 * Builds the clock a service's config describes: `scaled` (the default) is the shared clock (speed 1
 * without origins = the system clock); `manual` starts at CLOCK_SIM_ORIGIN, or else at the shared
 * clock's now, and then moves only when advanced.
 */
export function clockFromConfig(settings: ClockSettings): Clock {
  const shared = sharedClockOf(settings);
  if (settings.CLOCK_MODE !== 'manual') return shared;
  return new ManualClock(settings.CLOCK_SIM_ORIGIN ? Date.parse(settings.CLOCK_SIM_ORIGIN) : shared.now().getTime());
}

function sharedClockOf(settings: ClockSettings): Clock {
  if (settings.CLOCK_SPEED === 1 && !settings.CLOCK_SIM_ORIGIN) return systemClock;
  const realOrigin = settings.CLOCK_REAL_ORIGIN ?? Date.now();
  const simOrigin = settings.CLOCK_SIM_ORIGIN ? Date.parse(settings.CLOCK_SIM_ORIGIN) : realOrigin;
  return new ScaledClock(settings.CLOCK_SPEED, simOrigin, realOrigin);
}
