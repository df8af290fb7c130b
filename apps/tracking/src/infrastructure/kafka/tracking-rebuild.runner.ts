import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { TrackingProjectionRepository } from '../persistence/tracking-projection.repository';
import { TRACKED_TOPICS, type TrackingRecordProcessor } from './tracking-record.processor';

interface RebuildReport {
  /** Records read, per topic. */
  records: Record<string, number>;
  processed: number;
  deadLettered: number;
  shipments: number;
  durationMs: number;
}

/**
 * Drops the read model and rebuilds it by replaying the six topics from offset 0 up to the high
 * watermark seen when the rebuild started, through the same processor as the live consumer.
 *
 * Invariants: the read model and this consumer's processed-event rows are emptied in one
 * transaction, so every event is applied again exactly once; the projection is order-independent,
 * so the result equals the live state for the same events. Safe while the live consumer runs
 * (both claim event ids under the same consumer name); readers see a partial model meanwhile.
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

  async rebuild(options: { timeoutMs?: number } = {}): Promise<RebuildReport> {
    const started = Date.now();
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

    const report: RebuildReport = { records: {}, processed: 0, deadLettered: 0, shipments: 0, durationMs: 0 };
    if (targets.size > 0) {
      const consumer = this.kafka.consumer({ groupId: `tracking-rebuild-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
      const remaining = new Set(targets.keys());
      let finish!: () => void;
      let fail!: (error: Error) => void;
      const done = new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
      const timer = setTimeout(() => fail(new Error(`rebuild: timed out with ${[...remaining].join(', ')} not replayed to the end`)), options.timeoutMs ?? 600_000);
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [...new Set([...targets.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))], fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          partitionsConsumedConcurrently: 3,
          eachMessage: async (payload) => {
            const key = `${payload.topic}:${payload.partition}`;
            const high = targets.get(key);
            if (high === undefined || BigInt(payload.message.offset) >= high) return;
            const outcome = await this.processor.process(payload);
            report.records[payload.topic] = (report.records[payload.topic] ?? 0) + 1;
            if (outcome.status === 'processed') report.processed += 1;
            if (outcome.status === 'dead-lettered') report.deadLettered += 1;
            if (BigInt(payload.message.offset) + 1n >= high) {
              remaining.delete(key);
              if (remaining.size === 0) finish();
            }
          },
        });
        await done;
      } finally {
        clearTimeout(timer);
        await consumer.disconnect().catch(() => undefined);
      }
    }
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM "${this.schema}"."shipments"`)) as [{ count: number }];
    report.shipments = count;
    report.durationMs = Date.now() - started;
    this.logger.log(`rebuilt ${count} shipments from ${report.processed} events in ${report.durationMs} ms`);
    return report;
  }
}
