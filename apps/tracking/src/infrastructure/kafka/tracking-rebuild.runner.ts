import { Logger } from '@nestjs/common';
import type { ConsumedRecord, ConsumeOutcome } from '@cargo/messaging';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { TrackingProjectionRepository } from '../persistence/tracking-projection.repository';
import { TRACKED_TOPICS, type TrackingRecordProcessor } from './tracking-record.processor';

export interface RebuildReport {
  /** Records read, per topic. */
  records: Record<string, number>;
  processed: number;
  deadLettered: number;
  shipments: number;
  durationMs: number;
  /** Of which: reading, validating and filing the events (phase 1); projecting the views (phase 2). */
  phasesMs: { file: number; project: number };
  /** Records read per second of the whole rebuild (emptying, replay, count). */
  eventsPerSecond: number;
}

export interface RebuildOptions {
  timeoutMs?: number;
  /** Records applied per transaction (default {@link DEFAULT_REBUILD_CHUNK}). */
  chunkSize?: number;
}

/** Records per transaction: large enough that a transaction's fixed cost vanishes, small enough to keep memory and lock time modest. */
export const DEFAULT_REBUILD_CHUNK = 5_000;

/** Fetch sizes of the rebuild's reader: a fetch brings many thousands of records. */
const FETCH_MAX_BYTES = 64 * 1024 * 1024;
const FETCH_MAX_BYTES_PER_PARTITION = 16 * 1024 * 1024;

/** AWBs projected per transaction in the rebuild's second phase. */
const PROJECTION_PAGE = 2_000;

/**
 * Drops the read model and rebuilds it by replaying the six topics from offset 0 up to the high
 * watermark seen when the rebuild started, in two phases:
 * 1. read in large fetches (kafkajs `eachBatch`) and filed in chunks of thousands of records per
 *    transaction through messaging's batch path (`IdempotentConsumer.handleBatch`: decoded and
 *    validated as the live consumer does, one multi-row event-id claim, poison dead-lettered alone)
 *    with a set-based hook that files timeline and board (`TrackingRecordProcessor.fileChunk`);
 * 2. every AWB on the timeline projected once, a page of AWBs per transaction, by the same
 *    set-based projection the live consumer uses (`TrackingProjectionStore.reproject`).
 *
 * Invariants: the read model and this consumer's processed-event rows are emptied in one
 * transaction, so every event is applied again exactly once; the projection is a function of each
 * AWB's set of events (order- and cut-independent), so the result equals the live state for the
 * same events. A record that does not decode or validate is dead-lettered alone (and counted) as the
 * live consumer does. Safe while the live consumer runs (both claim event ids under the same
 * consumer name; a live transaction projects its AWBs from everything filed so far, and phase 2
 * locks each row as the live path does); readers see a partial model meanwhile (no shipments until
 * phase 2 reaches them).
 */
export class TrackingRebuildRunner {
  private readonly logger = new Logger('TrackingRebuild');

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly repository: TrackingProjectionRepository,
    private readonly processor: TrackingRecordProcessor,
    private readonly consumerName: string,
    private readonly schema: string,
  ) {}

  async rebuild(options: RebuildOptions = {}): Promise<RebuildReport> {
    const started = Date.now();
    const chunkSize = options.chunkSize ?? DEFAULT_REBUILD_CHUNK;
    const admin = this.kafka.admin();
    await admin.connect();
    const targets = new Map<string, bigint>();
    try {
      const existing = new Set(await admin.listTopics());
      for (const topic of TRACKED_TOPICS.filter((t) => existing.has(t))) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) targets.set(`${topic}:${p.partition}`, BigInt(p.high));
        }
      }
    } finally {
      await admin.disconnect();
    }

    await this.dataSource.transaction(async (manager) => {
      await this.repository.truncate(manager);
      await manager.query(`DELETE FROM "${this.schema}"."processed_events" WHERE "consumer" = $1`, [this.consumerName]);
    });

    const report: RebuildReport = { records: {}, processed: 0, deadLettered: 0, shipments: 0, durationMs: 0, phasesMs: { file: 0, project: 0 }, eventsPerSecond: 0 };
    const count = (outcome: ConsumeOutcome) => {
      if (outcome.status === 'processed') report.processed += 1;
      if (outcome.status === 'dead-lettered') report.deadLettered += 1;
    };
    if (targets.size > 0) {
      const consumer = this.kafka.consumer({
        groupId: `tracking-rebuild-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: 100,
        maxBytes: FETCH_MAX_BYTES,
        maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
      });
      const remaining = new Set(targets.keys());
      let finish!: () => void;
      let fail!: (error: Error) => void;
      const done = new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
      const timer = setTimeout(() => fail(new Error(`rebuild: timed out with ${[...remaining].join(', ')} not replayed to the end`)), options.timeoutMs ?? 600_000);
      let pending: ConsumedRecord[] = [];
      const write = async (heartbeat: () => Promise<void>) => {
        const chunk = pending;
        pending = [];
        if (chunk.length > 0) (await this.processor.fileChunk(chunk, { heartbeat })).forEach(count);
      };
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [...new Set([...targets.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            const key = `${batch.topic}:${batch.partition}`;
            const high = targets.get(key);
            if (high === undefined || !remaining.has(key)) return;
            try {
              for (const message of batch.messages) {
                if (BigInt(message.offset) >= high) break;
                report.records[batch.topic] = (report.records[batch.topic] ?? 0) + 1;
                pending.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp });
                if (pending.length >= chunkSize) await write(heartbeat);
              }
              if (BigInt(batch.lastOffset()) + 1n >= high) remaining.delete(key);
              if (remaining.size === 0) {
                await write(heartbeat);
                finish();
              }
            } catch (error) {
              fail(error instanceof Error ? error : new Error(String(error)));
            }
          },
        });
        await done;
      } finally {
        clearTimeout(timer);
        await consumer.disconnect().catch(() => undefined);
      }
    }
    const projecting = Date.now();
    report.phasesMs.file = projecting - started;
    for (let after = ''; ; ) {
      const awbs = await this.repository.filedAwbsAfter(this.dataSource.manager, after, PROJECTION_PAGE);
      if (awbs.length === 0) break;
      await this.processor.reproject(awbs, this.dataSource);
      after = awbs[awbs.length - 1] as string;
    }
    report.phasesMs.project = Date.now() - projecting;
    const [{ count: shipments }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM "${this.schema}"."shipments"`)) as [{ count: number }];
    report.shipments = shipments;
    report.durationMs = Date.now() - started;
    const read = Object.values(report.records).reduce((a, b) => a + b, 0);
    report.eventsPerSecond = Math.round((read * 1000) / Math.max(1, report.durationMs));
    this.logger.log(`rebuilt ${shipments} shipments from ${report.processed} events (${read} records) in ${report.durationMs} ms: ${report.eventsPerSecond} events/s`);
    return report;
  }
}
