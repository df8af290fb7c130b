import type { Clock as RuntimeClock } from '@cargo/service-runtime';
import type { Clock, ClockMode } from '../application/clock.port';

/** The shared service clock of @cargo/service-runtime (system time, or scaled like the simulator's). */
export class ScaledServiceClock implements Clock {
  readonly mode: ClockMode = 'scaled';
  constructor(private readonly runtime: RuntimeClock) {}
  now(): number {
    return this.runtime.now().getTime();
  }
}

/** Time that moves only when told to (`advance`): for tests and step-by-step simulation. */
export class ManualClock implements Clock {
  readonly mode: ClockMode = 'manual';
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock only moves forward (got ${ms} ms)`);
    this.current += ms;
  }
}

export function createServiceClock(mode: string, runtime: RuntimeClock, simOrigin: string | undefined): Clock {
  return mode === 'manual' ? new ManualClock(simOrigin ? Date.parse(simOrigin) : runtime.now().getTime()) : new ScaledServiceClock(runtime);
}
