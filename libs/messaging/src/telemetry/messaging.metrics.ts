import type { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { MessagingObserver } from '../shared/messaging.observer';

export interface MessagingMetricsDeps {
  registry: Registry;
  dataSource: DataSource;
  /** The service's schema (its outbox). */
  schema: string;
  /** For consumer lag: the library's kafkajs client, the consumer group and the topics to look at. */
  kafka?: Kafka;
  consumerGroup?: string;
  topics?: readonly string[];
  /** Longest a scrape waits for the database or the broker; the last values are kept when it is late. */
  collectTimeoutMs?: number;
  /** Consumer lag is fetched at most this often (it costs two admin requests per topic). */
  lagCacheMs?: number;
}

/** Names of the series exported by {@link MessagingMetrics} (README "Operations", deploy/ alert rules). */
export const MessagingMetricNames = {
  OutboxBacklog: 'cargo_outbox_backlog',
  OutboxOldestAge: 'cargo_outbox_oldest_unpublished_age_seconds',
  OutboxPublished: 'cargo_outbox_published_total',
  OutboxPublishFailures: 'cargo_outbox_publish_failures_total',
  ConsumerLag: 'cargo_consumer_lag',
  ConsumerRecords: 'cargo_consumer_records_total',
  ConsumerRetries: 'cargo_consumer_retries_total',
  ConsumerDeadLetters: 'cargo_consumer_dead_letters_total',
} as const;

/**
 * The messaging metrics of one service, on its Prometheus registry: outbox backlog and the age of
 * its oldest unsent row (read from the table at scrape time), publish rate and failures, consumer
 * lag per topic and partition (the group's committed offsets against the partitions' high
 * watermarks, read through the admin API at scrape time, cached briefly), and records processed,
 * retried and dead-lettered (by reason). Labels carry topics, partitions, outcomes and error codes
 * only: never an AWB or a party.
 */
export class MessagingMetrics implements MessagingObserver {
  private readonly publishedTotal: Counter<'topic'>;
  private readonly publishFailures: Counter;
  private readonly records: Counter<'topic' | 'outcome'>;
  private readonly retries: Counter<'topic' | 'kind'>;
  private readonly deadLetters: Counter<'topic' | 'reason'>;
  private admin: Admin | undefined;
  private lagFetchedAt = 0;
  private lag: { topic: string; partition: number; lag: number }[] = [];
  private outbox: { backlog: number; oldestAgeSeconds: number } | undefined;

  constructor(private readonly deps: MessagingMetricsDeps) {
    const registers = [deps.registry];
    const timeoutMs = deps.collectTimeoutMs ?? 2_000;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    new Gauge({
      name: MessagingMetricNames.OutboxBacklog,
      help: 'Outbox rows committed but not yet acknowledged by the broker (rises while Kafka is unreachable).',
      registers,
      async collect() {
        await self.refreshOutbox(timeoutMs);
        if (self.outbox) this.set(self.outbox.backlog);
      },
    });
    new Gauge({
      name: MessagingMetricNames.OutboxOldestAge,
      help: 'Age in seconds of the oldest outbox row not yet published (0 when the outbox is empty).',
      registers,
      collect() {
        if (self.outbox) this.set(self.outbox.oldestAgeSeconds);
      },
    });
    this.publishedTotal = new Counter({
      name: MessagingMetricNames.OutboxPublished,
      help: 'Outbox rows published to Kafka (acknowledged and marked), by topic.',
      labelNames: ['topic'],
      registers,
    });
    this.publishFailures = new Counter({
      name: MessagingMetricNames.OutboxPublishFailures,
      help: 'Failed relay attempts (broker or database unavailable); the rows are kept and retried.',
      registers,
    });
    new Gauge({
      name: MessagingMetricNames.ConsumerLag,
      help: "Records not yet consumed by this service's consumer group, per topic and partition (high watermark minus committed offset).",
      labelNames: ['topic', 'partition'],
      registers,
      async collect() {
        await self.refreshLag(timeoutMs);
        this.reset();
        for (const entry of self.lag) this.set({ topic: entry.topic, partition: String(entry.partition) }, entry.lag);
      },
    });
    this.records = new Counter({
      name: MessagingMetricNames.ConsumerRecords,
      help: 'Consumed records by topic and outcome: processed, duplicate (already applied), ignored (not for this service), dead-lettered.',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.retries = new Counter({
      name: MessagingMetricNames.ConsumerRetries,
      help: 'Retries of consumed records after a transient or infrastructure failure, by topic and kind.',
      labelNames: ['topic', 'kind'],
      registers,
    });
    this.deadLetters = new Counter({
      name: MessagingMetricNames.ConsumerDeadLetters,
      help: 'Records sent to <topic>.dlq, by topic and reason (error code).',
      labelNames: ['topic', 'reason'],
      registers,
    });
  }

  published(topic: string, count: number): void {
    this.publishedTotal.inc({ topic }, count);
  }
  publishFailed(): void {
    this.publishFailures.inc();
  }
  consumed(topic: string, outcome: string): void {
    this.records.inc({ topic, outcome: outcome.replace('-', '_') });
  }
  retried(topic: string, kind: string): void {
    this.retries.inc({ topic, kind });
  }
  deadLettered(topic: string, code: string): void {
    this.deadLetters.inc({ topic, reason: code });
  }

  /** Disconnects the admin client used for consumer lag (shutdown). */
  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private async refreshOutbox(timeoutMs: number): Promise<void> {
    try {
      const rows = (await withTimeout(
        this.deps.dataSource.query(
          `SELECT count(*)::int AS "backlog",
                  COALESCE(EXTRACT(EPOCH FROM (now() - min("created_at"))), 0)::float8 AS "age"
             FROM "${this.deps.schema}"."outbox" WHERE "published_at" IS NULL`,
        ),
        timeoutMs,
      )) as { backlog: number; age: number }[];
      const row = rows[0];
      if (row) this.outbox = { backlog: Number(row.backlog), oldestAgeSeconds: Math.max(0, Number(row.age)) };
    } catch {
      // Database unreachable or slow: keep the last values (the readiness check reports the database).
    }
  }

  private async refreshLag(timeoutMs: number): Promise<void> {
    const { kafka, consumerGroup, topics } = this.deps;
    if (!kafka || !consumerGroup || !topics || topics.length === 0) return;
    if (Date.now() - this.lagFetchedAt < (this.deps.lagCacheMs ?? 5_000)) return;
    try {
      this.lag = await withTimeout(this.fetchLag(kafka, consumerGroup, topics), timeoutMs);
      this.lagFetchedAt = Date.now();
    } catch {
      // Broker unreachable or slow: keep the last values and reconnect on the next scrape.
      await this.close();
    }
  }

  private async fetchLag(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<{ topic: string; partition: number; lag: number }[]> {
    if (!this.admin) {
      const admin = kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const admin = this.admin;
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const result: { topic: string; partition: number; lag: number }[] = [];
    for (const entry of committed) {
      // Topics the group never committed on are topics it only produces to.
      if (!entry.partitions.some((p) => Number(p.offset) >= 0)) continue;
      const watermarks = await admin.fetchTopicOffsets(entry.topic);
      for (const p of entry.partitions) {
        const mark = watermarks.find((w) => w.partition === p.partition);
        if (!mark) continue;
        const high = Number(mark.high);
        const from = Number(p.offset) >= 0 ? Number(p.offset) : Number(mark.low);
        result.push({ topic: entry.topic, partition: p.partition, lag: Math.max(0, high - from) });
      }
    }
    return result;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
