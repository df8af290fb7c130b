import type { DataSource } from 'typeorm';
import { TickLock, type TickOutcome } from '../application/tick-lock.port';

/**
 * Class id (two-key advisory lock form) of the scheduler's tick lock; the second key is
 * `hashtext(name)`. Apart from the capacity lock (one-key) and the per-AWB locks (class 8001).
 */
export const TICK_LOCK_CLASS = 17_002;

/**
 * {@link TickLock} on a PostgreSQL transaction-scoped advisory lock, held by a transaction of its own
 * connection for the length of the work (which uses its own transactions). Ending the transaction,
 * or losing the connection when a replica dies, releases it.
 */
export class PostgresTickLock extends TickLock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly name = 'flight-assignment.scheduler',
  ) {
    super();
  }

  async runExclusive<T>(work: () => Promise<T>, options: { wait: boolean }): Promise<TickOutcome<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      if (options.wait) {
        await runner.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TICK_LOCK_CLASS, this.name]);
      } else {
        const [row] = (await runner.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS "locked"', [TICK_LOCK_CLASS, this.name])) as { locked: boolean }[];
        if (!row?.locked) return { ran: false };
      }
      return { ran: true, value: await work() };
    } finally {
      // Commit or roll back, the lock goes with the transaction; it wrote nothing.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
