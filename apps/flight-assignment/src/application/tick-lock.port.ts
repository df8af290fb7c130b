/** What {@link TickLock.runExclusive} did: ran the work (with its result), or skipped it. */
export type TickOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * One holder at a time across every replica of the service, for the scheduler's timed work
 * (manifests at cut-off, departures, batch decisions, re-planning): a tick runs in one replica,
 * the others skip theirs. A Nest token (abstract class), like every port.
 *
 * Invariants: the work runs only while the lock is held; the lock is released when the work settles
 * (resolved or rejected) and when the holder dies; `wait: false` never blocks (another holder → skipped).
 */
export abstract class TickLock {
  abstract runExclusive<T>(work: () => Promise<T>, options: { wait: boolean }): Promise<TickOutcome<T>>;
}

/** A lock for one process only (tests and tools that build the scheduler without a database). */
export class InProcessTickLock extends TickLock {
  private held = false;
  private queue: Promise<unknown> = Promise.resolve();

  async runExclusive<T>(work: () => Promise<T>, options: { wait: boolean }): Promise<TickOutcome<T>> {
    if (this.held && !options.wait) return { ran: false };
    const run = this.queue.then(async (): Promise<TickOutcome<T>> => {
      this.held = true;
      try {
        return { ran: true, value: await work() };
      } finally {
        this.held = false;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
