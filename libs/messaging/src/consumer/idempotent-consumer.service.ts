import { validatePayload, type EventEnvelope, type FieldError } from '@cargo/contracts';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import { CloudEventCodec, type DecodedEvent } from '../codec/cloud-event.codec';
import { TraceHeaderNames } from '../codec/cloud-event.headers';
import { consumeContext, contextFromTraceHeaders, sanitizeTraceHeaders, type TraceHeaders } from '../codec/trace-context';
import { MessagingError, MessagingErrorCodes, errorMessage } from '../errors/messaging.error';
import { messagingTransaction, type MessagingTransaction } from '../outbox/messaging-transaction';
import type { OutboxWriter } from '../outbox/outbox.writer';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import { withMessagingLogFields } from '../shared/log-fields';
import type { MessagingObserver } from '../shared/messaging.observer';
import { stderrLogger, type MessagingLogger } from '../shared/messaging.logger';
import type { ConsumedRecord } from './consumed-record';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import type { EventRegistry } from './event.registry';
import { classifyFailure, deadLetterCode, type FailureKind } from './failure.classifier';

/**
 * Applies one event. Runs inside the consumer's transaction: use `tx.manager` for every state
 * change and `tx.publish` for the events it causes (they inherit correlation id, causation id and
 * trace context from `envelope`). `envelope.data` is the validated contract class instance.
 *
 * Throw {@link EventRejectedError} for a domain rejection (dead-lettered at once, not retried).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventHandler<T = any> = (envelope: EventEnvelope<T>, tx: MessagingTransaction) => Promise<void> | void;

/** Handlers by CloudEvents `type`. Types known to the registry but missing here are skipped (committed). */
export type EventHandlers = Readonly<Record<string, EventHandler>>;

/**
 * Applies many events of one fetched batch at once (a set-based projection), in the batch's
 * transaction. Optional: a consumer passes it next to its per-record handlers
 * (`KafkaEventConsumer.consume(ctx, handlers, { batch })`).
 *
 * Invariants the implementation must keep:
 * - Applying `items` must have the same effect as running the per-record handlers on them one by
 *   one, in the given (partition) order: when `apply` throws, its work is rolled back (savepoint)
 *   and the items are applied one by one with the per-record handlers, so a poison record is still
 *   isolated and dead-lettered alone.
 * - Every state change goes through `item.tx.manager` (the batch's transaction) and every event
 *   through `item.tx.publish` (it carries that item's causation id, correlation id and trace).
 * - Trace: `apply` runs in the batch's context; each item still gets its own `process <topic>`
 *   span in its own trace (ended when `apply` settles), and `item.tx.publish` continues that span.
 */
export interface EventBatchHandler {
  /** Consecutive records of a batch whose consume named the same batch handler are applied together. */
  readonly name: string;
  apply(items: readonly BatchItem[]): Promise<void>;
}

/** One record handed to an {@link EventBatchHandler}: validated, of a handled type, claimed (not a duplicate). */
export interface BatchItem {
  readonly envelope: EventEnvelope;
  readonly record: ConsumedRecord;
  readonly tx: MessagingTransaction;
}

/** One record of a batch for {@link IdempotentConsumer.handleBatch}. */
export interface BatchEntry {
  record: ConsumedRecord;
  handlers: EventHandlers;
  /** Overrides the consumer name for this record (see {@link HandleOptions.consumerName}). */
  consumerName?: string;
  batch?: EventBatchHandler;
}

/** How one record of a batch ended: an outcome (its offset may be committed) or an error (it must not). */
export type BatchEntryResult = { ok: true; outcome: ConsumeOutcome } | { ok: false; error: unknown };

export type ConsumeOutcome =
  | { status: 'processed'; eventId: string; type: string; attempts: number }
  | { status: 'duplicate'; eventId: string; type: string }
  | { status: 'ignored'; eventId: string; type: string }
  | { status: 'dead-lettered'; code: string; message: string; eventId?: string; type?: string };

export interface IdempotentConsumerOptions {
  /** Name recorded in `processed_events.consumer`; one per service (its group id). */
  consumerName: string;
  /** Attempts for transient failures, including the first. */
  maxAttempts: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_CONSUMER_RETRY: Pick<IdempotentConsumerOptions, 'maxAttempts' | 'backoff'> = {
  maxAttempts: 5,
  backoff: { initialMs: 100, maxMs: 2_000 },
};

export interface IdempotentConsumerDeps {
  dataSource: DataSource;
  writer: OutboxWriter;
  registry: EventRegistry;
  deadLetters: DeadLetterPublisher;
  options: Pick<IdempotentConsumerOptions, 'consumerName'> & Partial<IdempotentConsumerOptions>;
  /** The service's schema; the data source's by default. */
  schema?: string;
  logger?: MessagingLogger;
  /** Told how every record ended, each retry and each dead letter (metrics). */
  observer?: MessagingObserver;
}

/** Validated and ready to apply, or settled without applying (dead letter, not handled here). */
type PreparedRecord =
  | { kind: 'apply'; decoded: DecodedEvent; envelope: EventEnvelope; handler: EventHandler; consumerName: string }
  | { kind: 'ignored'; decoded: DecodedEvent }
  | { kind: 'dead-letter'; decoded?: DecodedEvent; error: unknown; fields?: readonly FieldError[] };

type ApplyRecord = Extract<PreparedRecord, { kind: 'apply' }>;

/** Why a batch transaction stopped before the end: the record at `index` goes the per-record way. */
interface BatchStop {
  index: number;
  /** Its handler's failure (transient: retried with the rest of its budget), or none (handled afresh). */
  failure?: unknown;
}

const SAVEPOINT = 'cargo_record';
const tracer = trace.getTracer('@cargo/messaging');

export interface HandleOptions {
  /** Overrides the consumer name (e.g. two independent projections in one service). */
  consumerName?: string;
  /** Keeps the Kafka session alive between retries. */
  heartbeat?: () => Promise<void>;
  /** Aborts retries (shutdown): the record is then left uncommitted. */
  signal?: AbortSignal;
}

/**
 * The framework-free heart of consuming: decode → look up type → validate → apply exactly once.
 *
 * Invariants:
 * - Every record ends in exactly one of: applied (`processed`), already applied (`duplicate`),
 *   not for this service (`ignored`), dead-lettered — in all of these `handle` resolves and the
 *   caller may commit the offset — or `handle` throws, and the caller must NOT commit (the record
 *   is redelivered).
 * - Applied means: one transaction inserted `(consumer, event id)` into `processed_events`, ran the
 *   handler's state change and wrote its outbox events. A redelivered event finds its row and has
 *   no second effect; two concurrent deliveries serialise on the primary key.
 * - Validation: the payload against its contract class (real `validate()`), `schemaversion` not
 *   newer than the definition's, `subject` equal to the payload's key.
 * - Malformed records, unknown types, invalid events and {@link EventRejectedError}s are
 *   dead-lettered without retry. Other handler errors are retried (bounded exponential backoff),
 *   then dead-lettered as `MESSAGING.HANDLER_FAILED`. Infrastructure failures (database/broker
 *   unreachable) are retried, then thrown as `MESSAGING.INFRASTRUCTURE_UNAVAILABLE` — a valid
 *   event is never dead-lettered because a dependency was down. A dead letter that cannot be sent
 *   is thrown the same way.
 * - Trace: the work runs in the record's trace (the kafkajs instrumentation's consume span when it
 *   is active, else the record's `traceparent`), so its queries and the outbox rows it writes are
 *   children of the consume span; log lines written meanwhile carry `awb` and `event_id`.
 */
export class IdempotentConsumer {
  private readonly codec = new CloudEventCodec();
  private readonly schema: string;
  private readonly logger: MessagingLogger;
  private readonly options: IdempotentConsumerOptions;

  constructor(private readonly deps: IdempotentConsumerDeps) {
    const schema = deps.schema ?? (deps.dataSource.options as { schema?: string }).schema;
    if (!schema) throw new MessagingError(MessagingErrorCodes.InvalidConfig, 'IdempotentConsumer: the data source has no schema.');
    this.schema = schema;
    this.logger = deps.logger ?? stderrLogger('IdempotentConsumer');
    this.options = { ...DEFAULT_CONSUMER_RETRY, ...deps.options };
  }

  get consumerName(): string {
    return this.options.consumerName;
  }

  async handle(record: ConsumedRecord, handlers: EventHandlers, options: HandleOptions = {}): Promise<ConsumeOutcome> {
    const prepared = await this.prepare(record, handlers, options.consumerName);
    const outcome = prepared.decoded
      ? await context.with(recordLogContext(consumeContext(prepared.decoded.trace), prepared.decoded), () => this.settle(record, prepared, options))
      : await this.settle(record, prepared, options);
    this.deps.observer?.consumed?.(record.topic, outcome.status);
    return outcome;
  }

  /**
   * Applies the records of one fetched batch (one topic-partition, in offset order) in as few
   * transactions as failures allow; returns one result per entry, in order.
   *
   * Invariants (besides those of {@link handle}, which hold per record):
   * - One transaction for the whole batch: one multi-row `INSERT ... ON CONFLICT DO NOTHING
   *   RETURNING` claims every event id (a duplicate — also twice in one batch — is claimed once, by
   *   its first record), then each record's handler runs under its own `SAVEPOINT`, in its own trace
   *   (a `process <topic>` consumer span, child of the record's producer span), then one COMMIT.
   *   An outcome is reported only after the COMMIT succeeded.
   * - A permanent failure (invalid record, {@link EventRejectedError}) rolls back that record's
   *   savepoint and claim and dead-letters it alone; the others go on.
   * - Any other failure of record k: the records before k commit, then k goes the per-record way
   *   (the batch's attempt counts as its first; same backoff, dead letter or thrown infrastructure
   *   error as {@link handle}), then the rest continues in a new transaction. Order is kept.
   * - The transaction itself failing (connection lost, COMMIT refused): none of its records is
   *   reported done (`ok: false`), and neither is any later record: the caller must not commit
   *   their offsets, Kafka redelivers them. After the first `ok: false`, all later results are
   *   `ok: false` (not attempted).
   */
  async handleBatch(entries: readonly BatchEntry[], options: Omit<HandleOptions, 'consumerName'> = {}): Promise<BatchEntryResult[]> {
    const results: BatchEntryResult[] = [];
    const prepared: PreparedRecord[] = [];
    for (const entry of entries) prepared.push(await this.prepare(entry.record, entry.handlers, entry.consumerName));
    let start = 0;
    while (start < entries.length) {
      let stop: BatchStop | undefined;
      try {
        stop = await this.applyBatchTransaction(entries, prepared, start, results, options);
      } catch (error) {
        return notAttempted(results, entries, start, error);
      }
      if (!stop) break;
      const entry = entries[stop.index] as BatchEntry;
      const p = prepared[stop.index] as PreparedRecord;
      try {
        const outcome = await this.withRecordSpan(entry.record, p.decoded, () =>
          stop.failure !== undefined && p.kind === 'apply' ? this.applyWithRetries(entry.record, p, options, stop.failure) : this.settle(entry.record, p, options),
        );
        this.deps.observer?.consumed?.(entry.record.topic, outcome.status);
        results.push({ ok: true, outcome });
      } catch (error) {
        return notAttempted(results, entries, stop.index, error);
      }
      start = stop.index + 1;
    }
    return results;
  }

  /** Decode, look up the type, validate: no I/O. */
  private async prepare(record: ConsumedRecord, handlers: EventHandlers, consumerName: string | undefined): Promise<PreparedRecord> {
    let decoded: DecodedEvent;
    try {
      decoded = this.codec.decode(record);
    } catch (error) {
      return { kind: 'dead-letter', error };
    }
    const { envelope } = decoded;
    const def = this.deps.registry.find(envelope.type);
    if (!def) {
      const error = new MessagingError(
        MessagingErrorCodes.UnknownEventType,
        `Unknown event type "${envelope.type}" on ${record.topic}: not in this consumer's event registry`,
      );
      return { kind: 'dead-letter', decoded, error };
    }
    if (def.topic !== record.topic) {
      const error = new MessagingError(
        MessagingErrorCodes.UnknownEventType,
        `Event type "${envelope.type}" belongs on ${def.topic}, but arrived on ${record.topic}`,
      );
      return { kind: 'dead-letter', decoded, error };
    }
    const handler = handlers[envelope.type];
    if (!handler) return { kind: 'ignored', decoded };

    const checked = await validatePayload(def, envelope.data);
    const fieldErrors: FieldError[] = checked.ok ? [] : [...checked.errors];
    if (envelope.schemaversion > def.schemaVersion) {
      fieldErrors.push({
        field: 'schemaversion',
        message: `schemaversion ${envelope.schemaversion} is newer than this consumer understands (${def.schemaVersion})`,
      });
    }
    if (checked.ok && envelope.subject !== undefined && envelope.subject !== def.keyOf(checked.value)) {
      fieldErrors.push({ field: 'subject', message: `subject ${envelope.subject} does not match the payload's key ${def.keyOf(checked.value)}` });
    }
    if (!checked.ok || fieldErrors.length > 0) {
      const error = new MessagingError(MessagingErrorCodes.InvalidPayload, `Invalid ${envelope.type} event: ${describeFields(fieldErrors)}`, {
        fields: fieldErrors,
      });
      return { kind: 'dead-letter', decoded, error, fields: fieldErrors };
    }
    return { kind: 'apply', decoded, envelope: { ...envelope, data: checked.value }, handler, consumerName: consumerName ?? this.options.consumerName };
  }

  /** Ends one prepared record on its own: dead letter, ignored, or applied in its own transaction(s). */
  private settle(record: ConsumedRecord, p: PreparedRecord, options: HandleOptions): Promise<ConsumeOutcome> {
    switch (p.kind) {
      case 'dead-letter':
        return this.deadLetter(record, p.error, 'permanent', p.decoded?.envelope, p.fields);
      case 'ignored':
        return Promise.resolve({ status: 'ignored', eventId: p.decoded.envelope.id, type: p.decoded.envelope.type });
      case 'apply':
        return this.applyWithRetries(record, p, options);
    }
  }

  /**
   * Applies one record in its own transaction, retrying transient failures. With `firstFailure`,
   * attempt 1 already happened (in a batch) and failed so.
   */
  private async applyWithRetries(record: ConsumedRecord, p: ApplyRecord, options: HandleOptions, firstFailure?: unknown): Promise<ConsumeOutcome> {
    const { envelope } = p;
    for (let attempt = 1; ; attempt += 1) {
      let failure: unknown = firstFailure;
      if (attempt > 1 || firstFailure === undefined) {
        try {
          const applied = await this.applyOnce(record, envelope, p.decoded.trace, p.handler, p.consumerName);
          return applied
            ? { status: 'processed', eventId: envelope.id, type: envelope.type, attempts: attempt }
            : { status: 'duplicate', eventId: envelope.id, type: envelope.type };
        } catch (error) {
          failure = error;
        }
      }
      const kind = classifyFailure(failure);
      if (kind === 'permanent') return this.deadLetter(record, failure, kind, envelope);
      if (options.signal?.aborted) throw shuttingDown(record, failure);
      if (attempt >= this.options.maxAttempts) {
        if (kind === 'infrastructure') {
          throw new MessagingError(
            MessagingErrorCodes.InfrastructureUnavailable,
            `${envelope.type} ${envelope.id} at ${where(record)}: dependency unavailable after ${attempt} attempts; ` +
              `leaving it uncommitted for redelivery: ${errorMessage(failure)}`,
            { eventId: envelope.id },
            { cause: failure },
          );
        }
        return this.deadLetter(record, failure, kind, envelope);
      }
      this.logger.warn(`${envelope.type} ${envelope.id} at ${where(record)} failed (attempt ${attempt}, ${kind}); retrying: ${errorMessage(failure)}`);
      this.deps.observer?.retried?.(record.topic, kind);
      await options.heartbeat?.().catch(() => undefined);
      await sleep(backoffDelay(this.options.backoff, attempt), options.signal);
      if (options.signal?.aborted) throw shuttingDown(record, failure);
    }
  }

  /**
   * One transaction over `entries[start..]` (see {@link handleBatch}). Pushes the results of the
   * records it settled once the COMMIT succeeded; returns where it stopped early, if it did.
   */
  private async applyBatchTransaction(
    entries: readonly BatchEntry[],
    prepared: readonly PreparedRecord[],
    start: number,
    results: BatchEntryResult[],
    options: Omit<HandleOptions, 'consumerName'>,
  ): Promise<BatchStop | undefined> {
    const runner = this.deps.dataSource.createQueryRunner();
    await runner.connect();
    const settled: { index: number; outcome: ConsumeOutcome }[] = [];
    let stop: BatchStop | undefined;
    try {
      await runner.startTransaction();
      const owners = await this.claimAll(runner, entries, prepared, start);
      for (let i = start; i < entries.length && !stop; ) {
        // Keeps the group session alive through a long batch (kafkajs sends one only when it is due).
        await options.heartbeat?.().catch(() => undefined);
        const entry = entries[i] as BatchEntry;
        const p = prepared[i] as PreparedRecord;
        if (p.kind === 'ignored') {
          settled.push({ index: i, outcome: { status: 'ignored', eventId: p.decoded.envelope.id, type: p.decoded.envelope.type } });
          i += 1;
          continue;
        }
        if (p.kind === 'dead-letter') {
          const outcome = await this.deadLetterInBatch(entry.record, p.error, p.decoded, p.fields);
          if (outcome) settled.push({ index: i, outcome });
          else stop = { index: i };
          i += 1;
          continue;
        }
        if (owners.get(claimKey(p)) !== i) {
          settled.push({ index: i, outcome: { status: 'duplicate', eventId: p.envelope.id, type: p.envelope.type } });
          i += 1;
          continue;
        }
        const run = entry.batch ? batchRun(entries, prepared, owners, i) : [];
        if (run.length > 0 && (await this.applyBatchHandler(runner, entries, prepared, run))) {
          for (const index of run) {
            const applied = prepared[index] as ApplyRecord;
            settled.push({ index, outcome: { status: 'processed', eventId: applied.envelope.id, type: applied.envelope.type, attempts: 1 } });
          }
          i += run.length;
          continue;
        }
        const failure = await this.applyInSavepoint(runner, entry.record, p);
        if (failure === undefined) {
          settled.push({ index: i, outcome: { status: 'processed', eventId: p.envelope.id, type: p.envelope.type, attempts: 1 } });
        } else if (classifyFailure(failure.error) === 'permanent') {
          await this.unclaim(runner, [p]);
          const outcome = await this.deadLetterInBatch(entry.record, failure.error, p.decoded);
          if (outcome) settled.push({ index: i, outcome });
          else stop = { index: i };
        } else {
          stop = { index: i, failure: failure.error };
        }
        i += 1;
      }
      if (stop) {
        const unclaimed = [...owners].filter(([, index]) => index >= (stop as BatchStop).index).map(([, index]) => prepared[index] as ApplyRecord);
        await this.unclaim(runner, unclaimed);
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    for (const { index, outcome } of settled) {
      this.deps.observer?.consumed?.((entries[index] as BatchEntry).record.topic, outcome.status);
      results.push({ ok: true, outcome });
    }
    return stop;
  }

  /** Claims every event id to apply from `start` on in one statement; maps each claimed id to the first record that carries it. */
  private async claimAll(runner: QueryRunner, entries: readonly BatchEntry[], prepared: readonly PreparedRecord[], start: number): Promise<Map<string, number>> {
    const indices: number[] = [];
    for (let i = start; i < prepared.length; i += 1) if (prepared[i]?.kind === 'apply') indices.push(i);
    const owners = new Map<string, number>();
    if (indices.length === 0) return owners;
    const column = <T>(f: (p: ApplyRecord, e: BatchEntry) => T) => indices.map((i) => f(prepared[i] as ApplyRecord, entries[i] as BatchEntry));
    const claimed = (await runner.query(
      `INSERT INTO "${this.schema}"."processed_events" ("consumer", "event_id", "event_type", "topic", "partition", "offset")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[])
       ON CONFLICT DO NOTHING RETURNING "consumer", "event_id"`,
      [
        column((p) => p.consumerName),
        column((p) => p.envelope.id),
        column((p) => p.envelope.type),
        column((_, e) => e.record.topic),
        column((_, e) => e.record.partition),
        column((_, e) => e.record.offset),
      ],
    )) as { consumer: string; event_id: string }[];
    const fresh = new Set(claimed.map((row) => `${row.consumer}\u0000${row.event_id}`));
    for (const i of indices) {
      const key = claimKey(prepared[i] as ApplyRecord);
      if (fresh.has(key) && !owners.has(key)) owners.set(key, i);
    }
    return owners;
  }

  private async unclaim(runner: QueryRunner, records: readonly ApplyRecord[]): Promise<void> {
    if (records.length === 0) return;
    await runner.query(
      `DELETE FROM "${this.schema}"."processed_events" WHERE ("consumer", "event_id") IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [records.map((p) => p.consumerName), records.map((p) => p.envelope.id)],
    );
  }

  /** Runs one record's handler under a savepoint, in its own trace; the failure if it failed (savepoint rolled back). */
  private applyInSavepoint(runner: QueryRunner, record: ConsumedRecord, p: ApplyRecord): Promise<{ error: unknown } | undefined> {
    return this.withRecordSpan(record, p.decoded, async () => {
      await runner.query(`SAVEPOINT ${SAVEPOINT}`);
      try {
        await p.handler(p.envelope, this.transactionOf(runner, p));
        await runner.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
        return undefined;
      } catch (error) {
        // If even this fails, the transaction is gone: thrown, nothing of it commits.
        await runner.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        return { error };
      }
    });
  }

  /** A run of records applied by their batch handler under one savepoint; false (rolled back) if it threw. */
  private async applyBatchHandler(runner: QueryRunner, entries: readonly BatchEntry[], prepared: readonly PreparedRecord[], run: readonly number[]): Promise<boolean> {
    const handler = (entries[run[0] as number] as BatchEntry).batch as EventBatchHandler;
    // Each record still gets its process span in its own trace, and the events written for it continue that span.
    const spans = run.map((index) => startRecordSpan((entries[index] as BatchEntry).record, (prepared[index] as ApplyRecord).decoded));
    const items: BatchItem[] = run.map((index, i) => {
      const p = prepared[index] as ApplyRecord;
      return { envelope: p.envelope, record: (entries[index] as BatchEntry).record, tx: this.transactionOf(runner, p, (spans[i] as RecordSpan).trace) };
    });
    await runner.query(`SAVEPOINT ${SAVEPOINT}`);
    try {
      await handler.apply(items);
      await runner.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return true;
    } catch (error) {
      for (const { span } of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      await runner.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      this.logger.warn(`batch handler ${handler.name} failed on ${items.length} records; applying them one by one: ${errorMessage(error)}`);
      return false;
    } finally {
      for (const { span } of spans) span.end();
    }
  }

  private transactionOf(runner: QueryRunner, p: ApplyRecord, trace: TraceHeaders = p.decoded.trace): MessagingTransaction {
    return messagingTransaction(runner.manager, this.deps.writer, {
      causation: { id: p.envelope.id, correlationid: p.envelope.correlationid, trace },
    });
  }

  /** Dead-letters inside a batch; undefined when the dead letter could not be sent (the record then goes the per-record way). */
  private async deadLetterInBatch(record: ConsumedRecord, error: unknown, decoded?: DecodedEvent, fields?: readonly FieldError[]): Promise<ConsumeOutcome | undefined> {
    try {
      return await this.deadLetter(record, error, 'permanent', decoded?.envelope, fields);
    } catch {
      return undefined;
    }
  }

  /**
   * Runs `work` in the record's own `process <topic>` span ({@link startRecordSpan}), with the
   * record's log fields.
   */
  private async withRecordSpan<T>(record: ConsumedRecord, decoded: DecodedEvent | undefined, work: () => Promise<T>): Promise<T> {
    if (!decoded) return work();
    const { span, context: ctx } = startRecordSpan(record, decoded);
    try {
      return await context.with(recordLogContext(ctx, decoded), work);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      throw error;
    } finally {
      span.end();
    }
  }


  /** One transaction: claim the event id for this consumer, then apply. False when already applied. */
  private applyOnce(
    record: ConsumedRecord,
    envelope: EventEnvelope,
    trace: TraceHeaders,
    handler: EventHandler,
    consumerName: string,
  ): Promise<boolean> {
    return this.deps.dataSource.transaction(async (manager) => {
      const claimed = (await manager.query(
        `INSERT INTO "${this.schema}"."processed_events" ("consumer", "event_id", "event_type", "topic", "partition", "offset")
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1 AS "claimed"`,
        [consumerName, envelope.id, envelope.type, record.topic, record.partition, record.offset],
      )) as unknown[];
      if (claimed.length === 0) return false;
      const tx = messagingTransaction(manager, this.deps.writer, {
        causation: { id: envelope.id, correlationid: envelope.correlationid, trace },
      });
      await handler(envelope, tx);
      return true;
    });
  }

  private async deadLetter(
    record: ConsumedRecord,
    error: unknown,
    kind: FailureKind,
    envelope?: EventEnvelope,
    fields?: readonly FieldError[],
  ): Promise<ConsumeOutcome> {
    const code = deadLetterCode(error, kind);
    const message = errorMessage(error);
    try {
      await this.deps.deadLetters.publish(record, { code, message, fields });
    } catch (publishError) {
      throw new MessagingError(
        MessagingErrorCodes.InfrastructureUnavailable,
        `cannot dead-letter ${where(record)} (${code}); leaving it uncommitted for redelivery: ${errorMessage(publishError)}`,
        { code },
        { cause: publishError },
      );
    }
    this.deps.observer?.deadLettered?.(record.topic, code);
    return { status: 'dead-lettered', code, message, eventId: envelope?.id, type: envelope?.type };
  }
}

interface RecordSpan {
  span: Span;
  /** The span's context (parent: the record's producer span). */
  context: Context;
  /** The span as W3C headers (the record's own when no SDK is registered). */
  trace: TraceHeaders;
}

/**
 * A `process <topic>` consumer span for one record, child of the record's producer span: what the
 * kafkajs instrumentation makes per record with `eachMessage` (with `eachBatch` it makes one span
 * per batch, in a trace of its own).
 */
function startRecordSpan(record: ConsumedRecord, decoded: DecodedEvent): RecordSpan {
  const parent = decoded.trace.traceparent ? contextFromTraceHeaders(decoded.trace, ROOT_CONTEXT) : ROOT_CONTEXT;
  const span = tracer.startSpan(
    `process ${record.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': record.topic,
        'messaging.destination.partition.id': String(record.partition),
        'messaging.kafka.offset': record.offset,
        'messaging.kafka.message.key': decoded.envelope.subject,
      },
    },
    parent,
  );
  const ctx = trace.setSpan(parent, span);
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const injected = sanitizeTraceHeaders({ traceparent: carrier[TraceHeaderNames.TraceParent], tracestate: carrier[TraceHeaderNames.TraceState] });
  return { span, context: ctx, trace: injected.traceparent ? injected : decoded.trace };
}

function recordLogContext(ctx: Context, decoded: DecodedEvent): Context {
  return withMessagingLogFields(ctx, { awb: decoded.envelope.subject, event_id: decoded.envelope.id });
}

function claimKey(p: ApplyRecord): string {
  return `${p.consumerName}\u0000${p.envelope.id}`;
}

/**
 * The records from `start` on that one batch handler applies together: consecutive, the same
 * handler name, each to be applied by its claiming record (a duplicate or any other record ends the run).
 */
function batchRun(entries: readonly BatchEntry[], prepared: readonly PreparedRecord[], owners: ReadonlyMap<string, number>, start: number): number[] {
  const name = entries[start]?.batch?.name;
  const run: number[] = [];
  for (let i = start; i < entries.length; i += 1) {
    const p = prepared[i] as PreparedRecord;
    if (entries[i]?.batch?.name !== name || p.kind !== 'apply' || owners.get(claimKey(p)) !== i) break;
    run.push(i);
  }
  return run;
}

/** Results from `from` on: `error` for the record at `from`, "not attempted" for the ones after it. */
function notAttempted(results: BatchEntryResult[], entries: readonly BatchEntry[], from: number, error: unknown): BatchEntryResult[] {
  const wrapped = error instanceof MessagingError ? error : new MessagingError(
    MessagingErrorCodes.InfrastructureUnavailable,
    `batch transaction at ${where((entries[from] as BatchEntry).record)} failed; leaving its records uncommitted for redelivery: ${errorMessage(error)}`,
    undefined,
    { cause: error },
  );
  results.push({ ok: false, error: wrapped });
  for (let i = from + 1; i < entries.length; i += 1) {
    results.push({
      ok: false,
      error: new MessagingError(MessagingErrorCodes.InfrastructureUnavailable, `not attempted: an earlier record of its batch failed; leaving ${where((entries[i] as BatchEntry).record)} uncommitted for redelivery`),
    });
  }
  return results;
}

function where(record: ConsumedRecord): string {
  return `${record.topic}[${record.partition}]@${record.offset}`;
}

function describeFields(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.field || '(value)'}: ${e.message}`).join('; ');
}

function shuttingDown(record: ConsumedRecord, cause: unknown): MessagingError {
  return new MessagingError(
    MessagingErrorCodes.ShuttingDown,
    `shutting down: leaving ${where(record)} uncommitted for redelivery`,
    undefined,
    { cause },
  );
}
