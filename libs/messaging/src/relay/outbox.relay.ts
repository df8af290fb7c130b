import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { Message, Producer } from 'kafkajs';
import type { ClientConfig } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { MessagingError, MessagingErrorCodes, errorMessage } from '../errors/messaging.error';
import { connectProducer } from '../kafka/kafka-client.factory';
import { contextFromTraceHeaders, isValidTraceParent } from '../codec/trace-context';
import { TraceHeaderNames } from '../codec/cloud-event.headers';
import { outboxChannel } from '../outbox/outbox.writer';
import type { MessagingObserver } from '../shared/messaging.observer';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import { stderrLogger, type MessagingLogger } from '../shared/messaging.logger';
import { OutboxNotificationListener } from './outbox-notification.listener';
import { pgClientConfigOf } from './pg-client-config';

const tracer = trace.getTracer('@cargo/messaging');

export interface OutboxRelayOptions {
  /** Rows claimed (and sent) per transaction. */
  batchSize: number;
  /** Polling fallback: the relay looks at the table at least this often, notification or not. */
  pollIntervalMs: number;
  /** Wake on `pg_notify` through a dedicated LISTEN connection (polling alone when false). */
  listen: boolean;
  /** Backoff between failed attempts (broker or database down). */
  backoff: BackoffPolicy;
  /** How long `stop()` keeps trying to publish what is pending before giving up (rows stay for the next start). */
  stopTimeoutMs: number;
  /** Published rows older than this are deleted; `null` keeps them forever. */
  retainPublishedMs: number | null;
  /** How often the purge of old published rows runs. */
  purgeIntervalMs: number;
}

export const DEFAULT_OUTBOX_RELAY_OPTIONS: OutboxRelayOptions = {
  batchSize: 200,
  pollIntervalMs: 1_000,
  listen: true,
  backoff: { initialMs: 100, maxMs: 5_000 },
  stopTimeoutMs: 10_000,
  retainPublishedMs: 7 * 24 * 3_600_000,
  purgeIntervalMs: 60_000,
};

/** One outbox row as the relay reads it. */
export interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  payload: string;
  /** The writer's trace context (null: none). */
  traceparent?: string | null;
  tracestate?: string | null;
}

/**
 * Fault-injection points, for tests only. `beforeMark` runs after the broker acknowledged a batch
 * and before the rows are marked published; throwing from it simulates a relay that dies there.
 */
export interface OutboxRelayHooks {
  beforeMark?(rows: readonly OutboxRow[]): void | Promise<void>;
}

export interface OutboxRelayMetrics {
  state: 'idle' | 'running' | 'stopping' | 'stopped';
  /** Rows marked published by this instance. */
  published: number;
  /** Batches sent and marked. */
  batches: number;
  /** Failed attempts (send or database) since start. */
  failures: number;
  /** Failed attempts since the last success: > 0 means the relay is currently backing off. */
  consecutiveFailures: number;
  lastError?: string;
  lastPublishedAt?: Date;
  producerConnected: boolean;
  listening: boolean;
}

export interface OutboxRelayDeps {
  dataSource: DataSource;
  /** Builds an idempotent producer (see `createOutboxProducer`); called again after a failure. */
  createProducer: () => Producer;
  /** The service's schema; the data source's by default. */
  schema?: string;
  options?: Partial<OutboxRelayOptions>;
  hooks?: OutboxRelayHooks;
  logger?: MessagingLogger;
  /** Connection for LISTEN; derived from the data source by default. */
  listenConnection?: ClientConfig;
  /** Told about every published batch and failed attempt (metrics). */
  observer?: MessagingObserver;
}

interface BatchOutcome {
  claimed: number;
  published: number;
  blocked: number;
}

/**
 * Publishes the transactional outbox to Kafka.
 *
 * Invariants:
 * - Only committed rows are published (the relay reads the table; the writer's transaction
 *   decides what exists). A row is marked published only after the broker acknowledged it
 *   (idempotent producer, acks=all), in the same transaction that locked it.
 * - Nothing is dropped: a failed send rolls back, the rows stay, and the relay retries with
 *   bounded exponential backoff for as long as it runs.
 * - At-least-once: a crash between send and mark republishes the batch; consumers de-duplicate.
 * - Per-key order: rows of one key are sent in `seq` order. Several relays can run at once: rows
 *   are claimed with `FOR UPDATE SKIP LOCKED`, and a row is sent only when no older unpublished row
 *   of the same key is outside this batch (i.e. held by another relay); otherwise it waits.
 *   `seq` order equals commit order for a key when the service serialises writes per key (it locks
 *   the aggregate row before appending), which is how services use it.
 * - One produce request per claimed batch (`sendBatch` of every publishable row, in `seq` order).
 * - Trace: each row gets its own `send <topic>` producer span, a child of the context the row was
 *   written in, and its `traceparent` header is that span (what consumers continue): one batch
 *   serves many traces, each message staying in its own. The kafkajs instrumentation's own
 *   producer spans (all children of one active context) are suppressed for that send. With no SDK
 *   the stored `traceparent` is sent.
 * - After a failed attempt the producer is recreated (new producer id), so a batch whose
 *   acknowledgement was lost is re-sent as new records rather than silently de-duplicated
 *   against a different earlier batch.
 */
export class OutboxRelay {
  private readonly options: OutboxRelayOptions;
  private readonly schema: string;
  private readonly logger: MessagingLogger;
  private readonly listener: OutboxNotificationListener | undefined;
  private state: OutboxRelayMetrics['state'] = 'idle';
  private producer: Producer | undefined;
  private loopDone: Promise<void> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private wakePending = false;
  private wakeResolver: (() => void) | undefined;
  private stopSignal = new AbortController();
  private exclusiveChain: Promise<unknown> = Promise.resolve();
  private lastPurgeAt = 0;
  private stopped: Promise<void> | undefined;
  private readonly counters = {
    published: 0,
    batches: 0,
    failures: 0,
    consecutiveFailures: 0,
    lastError: undefined as string | undefined,
    lastPublishedAt: undefined as Date | undefined,
  };

  constructor(private readonly deps: OutboxRelayDeps) {
    this.options = { ...DEFAULT_OUTBOX_RELAY_OPTIONS, ...deps.options };
    const schema = deps.schema ?? (deps.dataSource.options as { schema?: string }).schema;
    if (!schema) throw new MessagingError(MessagingErrorCodes.InvalidConfig, 'OutboxRelay: the data source has no schema.');
    if (!(this.options.batchSize >= 1)) throw new MessagingError(MessagingErrorCodes.InvalidConfig, 'OutboxRelay: batchSize must be >= 1.');
    this.schema = schema;
    this.logger = deps.logger ?? stderrLogger('OutboxRelay');
    this.listener = this.options.listen
      ? new OutboxNotificationListener(
          deps.listenConnection ?? pgClientConfigOf(deps.dataSource),
          outboxChannel(schema),
          () => this.wake(),
          this.logger,
          this.options.backoff,
        )
      : undefined;
  }

  private get table(): string {
    return `"${this.schema}"."outbox"`;
  }

  metrics(): OutboxRelayMetrics {
    return {
      state: this.state,
      published: this.counters.published,
      batches: this.counters.batches,
      failures: this.counters.failures,
      consecutiveFailures: this.counters.consecutiveFailures,
      lastError: this.counters.lastError,
      lastPublishedAt: this.counters.lastPublishedAt,
      producerConnected: this.producer !== undefined,
      listening: this.listener?.listening ?? false,
    };
  }

  /** Rows marked published by this instance since it was created. */
  get published(): number {
    return this.counters.published;
  }

  /** Starts LISTEN, the polling timer and the publishing loop. Returns at once; never throws for a down broker. */
  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.listener?.start();
    this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.pollTimer.unref();
    this.loopDone = this.loop();
    this.wake();
  }

  /**
   * Stops the relay. With `flush` (default) it first tries, for up to `stopTimeoutMs`, to publish
   * every row committed so far; rows it cannot publish stay for the next start. `flush: false`
   * stops right after the batch in progress (what a crash-like stop looks like).
   */
  stop(options: { flush?: boolean } = {}): Promise<void> {
    this.stopped ??= this.doStop(options.flush ?? true);
    return this.stopped;
  }

  private async doStop(flush: boolean): Promise<void> {
    const deadline = Date.now() + this.options.stopTimeoutMs;
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.stopSignal.abort();
    this.wake();
    await withTimeout(this.loopDone?.catch(() => undefined), deadline - Date.now());
    if (flush && wasRunning && Date.now() < deadline) {
      try {
        await this.flush({ timeoutMs: deadline - Date.now() });
      } catch (error) {
        this.logger.warn(`outbox not fully published at stop (rows kept for the next start): ${errorMessage(error)}`);
      }
    }
    await this.listener?.stop();
    // Disconnecting also fails a send stuck on a dead broker: its transaction rolls back, rows stay.
    await this.resetProducer();
    await withTimeout(this.exclusiveChain.catch(() => undefined), 5_000);
    await this.resetProducer();
    this.state = 'stopped';
  }

  /**
   * Publishes every row committed before the call (and whatever else it meets on the way), then
   * resolves. Retries with backoff while the broker is down; rejects with `MESSAGING.FLUSH_TIMEOUT`
   * if rows up to the starting point are still unpublished after `timeoutMs`.
   */
  async flush(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.state === 'stopped') throw new MessagingError(MessagingErrorCodes.InvalidConfig, 'OutboxRelay.flush() after stop()');
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const target = await this.maxUnpublishedSeq();
    if (target === null) return;
    let failures = 0;
    for (;;) {
      let outcome: BatchOutcome | undefined;
      try {
        // A send stuck on an unreachable broker must not hold the caller past its deadline.
        outcome = await withTimeout(this.exclusive(() => this.publishBatch()), Math.max(0, deadline - Date.now()), () =>
          new MessagingError(MessagingErrorCodes.FlushTimeout, 'outbox flush: a publish attempt is still in flight'),
        );
        failures = 0;
      } catch (error) {
        if (error instanceof MessagingError && error.code === MessagingErrorCodes.FlushTimeout) {
          throw new MessagingError(
            MessagingErrorCodes.FlushTimeout,
            `outbox flush: a publish attempt was still in flight after ${timeoutMs} ms` +
              (this.counters.lastError ? ` (last error: ${this.counters.lastError})` : ''),
            { target },
          );
        }
        failures += 1;
        await this.onFailure(error);
        await sleep(Math.min(backoffDelay(this.options.backoff, failures), Math.max(0, deadline - Date.now())));
      }
      const remaining = await this.countUnpublishedUpTo(target).catch(() => Number.POSITIVE_INFINITY);
      if (remaining === 0) return;
      if (Date.now() >= deadline) {
        throw new MessagingError(
          MessagingErrorCodes.FlushTimeout,
          `outbox flush: ${Number.isFinite(remaining) ? remaining : 'some'} rows up to seq ${target} still unpublished after ${timeoutMs} ms` +
            (this.counters.lastError ? ` (last error: ${this.counters.lastError})` : ''),
          { remaining, target },
        );
      }
      // Rows held by another relay instance: give it a moment.
      if (outcome && outcome.published === 0) await sleep(20);
    }
  }

  /** Asks the loop to look at the table now (notification, poll tick, or a caller that knows). */
  wake(): void {
    this.wakePending = true;
    const resolve = this.wakeResolver;
    this.wakeResolver = undefined;
    resolve?.();
  }

  private waitForWake(): Promise<void> {
    if (this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wakeResolver = () => {
        this.wakePending = false;
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.state === 'running') {
      await this.waitForWake();
      while (this.state === 'running') {
        let outcome: BatchOutcome;
        try {
          outcome = await this.exclusive(() => this.publishBatch());
          failures = 0;
        } catch (error) {
          failures += 1;
          await this.onFailure(error);
          await sleep(backoffDelay(this.options.backoff, failures), this.stopSignal.signal);
          continue;
        }
        // A full batch means there is probably more; otherwise wait for the next wake-up.
        if (!(outcome.claimed >= this.options.batchSize && outcome.published > 0)) break;
      }
      await this.purgeIfDue();
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusiveChain.then(work, work);
    this.exclusiveChain = run.catch(() => undefined);
    return run;
  }

  private async onFailure(error: unknown): Promise<void> {
    this.counters.failures += 1;
    this.deps.observer?.publishFailed?.();
    this.counters.consecutiveFailures += 1;
    const message = errorMessage(error);
    if (this.counters.consecutiveFailures === 1 || message !== this.counters.lastError) {
      this.logger.warn(`outbox publish failed (attempt ${this.counters.consecutiveFailures}; rows kept, retrying): ${message}`);
    }
    this.counters.lastError = message;
    await this.exclusive(() => this.resetProducer());
  }

  private async ensureProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.producer = await connectProducer(() => this.deps.createProducer());
    return this.producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async publishBatch(): Promise<BatchOutcome> {
    const producer = await this.ensureProducer();
    const runner = this.deps.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows = (await runner.query(
        `SELECT "seq", "id", "topic", "key", "headers", "payload", "traceparent", "tracestate" FROM ${this.table}
          WHERE "published_at" IS NULL ORDER BY "seq" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return { claimed: 0, published: 0, blocked: 0 };
      }
      const publishable = await this.withoutBlockedRows(runner, rows);
      if (publishable.length > 0) {
        // One send for the whole batch, in seq order (per-key order holds); one producer span per row, in its own trace.
        const { topicMessages, spans } = toTopicMessages(publishable);
        await endSpans(
          spans,
          context.with(suppressTracing(ROOT_CONTEXT), () => producer.sendBatch({ acks: -1, topicMessages })),
        );
        await this.deps.hooks?.beforeMark?.(publishable);
        await runner.query(`UPDATE ${this.table} SET "published_at" = now() WHERE "seq" = ANY($1::bigint[])`, [
          publishable.map((row) => row.seq),
        ]);
      }
      await runner.commitTransaction();
      if (publishable.length > 0) {
        this.counters.published += publishable.length;
        this.counters.batches += 1;
        this.counters.lastPublishedAt = new Date();
        for (const [topic, count] of countByTopic(publishable)) this.deps.observer?.published?.(topic, count);
      }
      this.counters.consecutiveFailures = 0;
      return { claimed: rows.length, published: publishable.length, blocked: rows.length - publishable.length };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Drops rows that must wait: row r waits when an unpublished row of the same key with a lower
   * seq is not in this batch (locked by another relay, or committed after our snapshot).
   */
  private async withoutBlockedRows(runner: QueryRunner, rows: OutboxRow[]): Promise<OutboxRow[]> {
    const keys = [...new Set(rows.map((row) => row.key))];
    const blockers = (await runner.query(
      `SELECT "key", min("seq")::text AS "seq" FROM ${this.table}
        WHERE "published_at" IS NULL AND "key" = ANY($1::text[]) AND NOT ("seq" = ANY($2::bigint[]))
        GROUP BY "key"`,
      [keys, rows.map((row) => row.seq)],
    )) as { key: string; seq: string }[];
    if (blockers.length === 0) return rows;
    const firstBlocking = new Map(blockers.map((b) => [b.key, BigInt(b.seq)]));
    return rows.filter((row) => {
      const blocking = firstBlocking.get(row.key);
      return blocking === undefined || BigInt(row.seq) < blocking;
    });
  }

  private async maxUnpublishedSeq(): Promise<string | null> {
    const [row] = (await this.deps.dataSource.query(`SELECT max("seq")::text AS "seq" FROM ${this.table} WHERE "published_at" IS NULL`)) as {
      seq: string | null;
    }[];
    return row?.seq ?? null;
  }

  private async countUnpublishedUpTo(seq: string): Promise<number> {
    const [row] = (await this.deps.dataSource.query(
      `SELECT count(*)::int AS "n" FROM ${this.table} WHERE "published_at" IS NULL AND "seq" <= $1::bigint`,
      [seq],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  private async purgeIfDue(): Promise<void> {
    const retain = this.options.retainPublishedMs;
    if (retain === null || Date.now() - this.lastPurgeAt < this.options.purgeIntervalMs) return;
    this.lastPurgeAt = Date.now();
    try {
      await this.deps.dataSource.query(
        `DELETE FROM ${this.table} WHERE "published_at" IS NOT NULL AND "published_at" < now() - ($1::bigint * interval '1 millisecond')`,
        [retain],
      );
    } catch (error) {
      this.logger.warn(`outbox purge failed: ${errorMessage(error)}`);
    }
  }
}

/**
 * Waits for `work` at most `ms`. On timeout: resolves undefined, or rejects with `onTimeout()`.
 * `work` itself keeps running.
 */
async function withTimeout<T>(work: Promise<T> | undefined, ms: number, onTimeout?: () => Error): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve, reject) => {
    timer = setTimeout(() => (onTimeout ? reject(onTimeout()) : resolve(undefined)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function countByTopic(rows: readonly OutboxRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.topic, (counts.get(row.topic) ?? 0) + 1);
  return counts;
}

/**
 * The wire headers of a row: its CloudEvents headers plus the trace context of its own producer
 * span (a child of the stored context; the stored `traceparent` itself when no SDK is registered).
 */
function wireHeaders(row: OutboxRow): { headers: Record<string, string>; span: Span } {
  const traceparent = isValidTraceParent(row.traceparent ?? undefined) ? (row.traceparent as string) : undefined;
  const stored: Record<string, string> = traceparent
    ? { [TraceHeaderNames.TraceParent]: traceparent, ...(row.tracestate ? { [TraceHeaderNames.TraceState]: row.tracestate } : {}) }
    : {};
  const parent = traceparent ? contextFromTraceHeaders({ traceparent, tracestate: row.tracestate ?? undefined }, ROOT_CONTEXT) : ROOT_CONTEXT;
  const span = tracer.startSpan(
    `send ${row.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': row.topic,
        'messaging.operation.name': 'send',
        'messaging.operation.type': 'send',
        'messaging.kafka.message.key': row.key,
      },
    },
    parent,
  );
  const headers: Record<string, string> = { ...row.headers, ...stored };
  propagation.inject(trace.setSpan(parent, span), headers);
  return { headers, span };
}

/** Groups rows per topic, keeping `seq` order inside each topic (kafkajs keeps it per partition); one producer span per row. */
function toTopicMessages(rows: readonly OutboxRow[]): { topicMessages: { topic: string; messages: Message[] }[]; spans: Span[] } {
  const byTopic = new Map<string, Message[]>();
  const spans: Span[] = [];
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    const { headers, span } = wireHeaders(row);
    messages.push({ key: row.key, value: row.payload, headers });
    spans.push(span);
    byTopic.set(row.topic, messages);
  }
  return { topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), spans };
}

/** Ends the producer spans when the send settles (with its error, if it failed). */
async function endSpans<T>(spans: readonly Span[], send: Promise<T>): Promise<T> {
  try {
    return await send;
  } catch (error) {
    for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
