import type { DataSource } from 'typeorm';
import { errorMessage } from '../errors/messaging.error';
import { stderrLogger, type MessagingLogger } from '../shared/messaging.logger';

export interface MessagingRetentionOptions {
  /** Rows older than this are deleted: published outbox rows by `published_at`, processed-event ids by `processed_at`. `null`: kept forever. */
  retainMs: number | null;
  /** Time between two purges. */
  intervalMs: number;
  /** Rows one DELETE removes; a purge repeats it until fewer are left, up to `maxBatchesPerRun`. */
  batchSize: number;
  /** Bound on the statements of one purge (the rest waits for the next). */
  maxBatchesPerRun: number;
}

export const DEFAULT_MESSAGING_RETENTION: MessagingRetentionOptions = {
  retainMs: 7 * 24 * 3_600_000,
  intervalMs: 300_000,
  batchSize: 5_000,
  maxBatchesPerRun: 200,
};

/** Rows one purge deleted. */
export interface PurgeReport {
  outbox: number;
  processedEvents: number;
}

/**
 * Deletes what the messaging tables no longer need: outbox rows Kafka acknowledged and
 * processed-event ids older than the retention.
 *
 * Invariants:
 * - An unpublished outbox row is never deleted, whatever its age.
 * - Deletes run in batches of `batchSize` rows, each its own short statement; rows another replica
 *   is deleting are skipped (`FOR UPDATE SKIP LOCKED`), so replicas purging at once do not wait on
 *   each other or delete twice.
 * - A processed-event id is kept at least `retainMs`: a record delivered again within that time
 *   is still recognised as a duplicate. The retention must exceed the longest redelivery window
 *   (the topic retention when a consumer group may be rewound).
 * - A failed purge is logged and retried at the next interval; it never stops the service.
 */
export class MessagingRetentionPurger {
  private readonly options: MessagingRetentionOptions;
  private readonly logger: MessagingLogger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { dataSource: DataSource; schema: string; options?: Partial<MessagingRetentionOptions>; logger?: MessagingLogger },
  ) {
    this.options = { ...DEFAULT_MESSAGING_RETENTION, ...deps.options };
    this.logger = deps.logger ?? stderrLogger('MessagingRetention');
  }

  get retainMs(): number | null {
    return this.options.retainMs;
  }

  /** Purges now (in the background) and then every `intervalMs`; nothing when retention is off. */
  start(): void {
    if (this.options.retainMs === null || this.timer) return;
    const run = () => {
      this.running = this.running.then(() => this.purgeOnce()).catch((error: unknown) => this.logger.warn(`messaging purge failed: ${errorMessage(error)}`));
    };
    this.timer = setInterval(run, this.options.intervalMs);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One purge of both tables; resolves with the rows deleted. */
  async purgeOnce(): Promise<PurgeReport> {
    const retain = this.options.retainMs;
    if (retain === null) return { outbox: 0, processedEvents: 0 };
    const s = `"${this.deps.schema}"`;
    const outbox = await this.deleteInBatches(
      `DELETE FROM ${s}."outbox" WHERE "seq" IN (
         SELECT "seq" FROM ${s}."outbox"
          WHERE "published_at" IS NOT NULL AND "published_at" < now() - ($1::bigint * interval '1 millisecond')
          LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      retain,
    );
    const processedEvents = await this.deleteInBatches(
      `DELETE FROM ${s}."processed_events" WHERE ("consumer", "event_id") IN (
         SELECT "consumer", "event_id" FROM ${s}."processed_events"
          WHERE "processed_at" < now() - ($1::bigint * interval '1 millisecond')
          LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      retain,
    );
    if (outbox + processedEvents > 0) this.logger.log(`purged ${outbox} published outbox row(s) and ${processedEvents} processed-event id(s) older than ${retain / 3_600_000} h`);
    return { outbox, processedEvents };
  }

  private async deleteInBatches(sql: string, retainMs: number): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < this.options.maxBatchesPerRun; batch++) {
      const result = (await this.deps.dataSource.query(sql, [retainMs, this.options.batchSize])) as [unknown[], number] | unknown[];
      const deleted = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
      total += deleted;
      if (deleted < this.options.batchSize) break;
    }
    return total;
  }
}
