/** Injection token of the service's {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

export type ClockMode = 'scaled' | 'manual';

/**
 * The service's notion of "now" (epoch ms). Cut-offs, manifests, deadlines and decisions read it,
 * never `Date.now()`, so tests and the simulator can run time faster (accelerated) or step it (manual).
 *
 * Invariant: never goes backwards.
 */
export interface Clock {
  readonly mode: ClockMode;
  now(): number;
  /** Manual clocks only: moves time forward by `ms` (≥ 0). */
  advance?(ms: number): void;
}
