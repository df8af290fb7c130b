import { validatePayload, type EventEnvelope, type FieldError } from '@cargo/contracts';
import { context } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import { CloudEventCodec, type DecodedEvent } from '../codec/cloud-event.codec';
import { consumeContext, type TraceHeaders } from '../codec/trace-context';
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
    let decoded: DecodedEvent;
    try {
      decoded = this.codec.decode(record);
    } catch (error) {
      const outcome = await this.deadLetter(record, error, 'permanent');
      this.deps.observer?.consumed?.(record.topic, outcome.status);
      return outcome;
    }
    const ctx = withMessagingLogFields(consumeContext(decoded.trace), { awb: decoded.envelope.subject, event_id: decoded.envelope.id });
    const outcome = await context.with(ctx, () => this.handleDecoded(record, decoded, handlers, options));
    this.deps.observer?.consumed?.(record.topic, outcome.status);
    return outcome;
  }

  private async handleDecoded(record: ConsumedRecord, decoded: DecodedEvent, handlers: EventHandlers, options: HandleOptions): Promise<ConsumeOutcome> {
    const { envelope } = decoded;
    const def = this.deps.registry.find(envelope.type);
    if (!def) {
      const error = new MessagingError(
        MessagingErrorCodes.UnknownEventType,
        `Unknown event type "${envelope.type}" on ${record.topic}: not in this consumer's event registry`,
      );
      return this.deadLetter(record, error, 'permanent', envelope);
    }
    if (def.topic !== record.topic) {
      const error = new MessagingError(
        MessagingErrorCodes.UnknownEventType,
        `Event type "${envelope.type}" belongs on ${def.topic}, but arrived on ${record.topic}`,
      );
      return this.deadLetter(record, error, 'permanent', envelope);
    }
    const handler = handlers[envelope.type];
    if (!handler) return { status: 'ignored', eventId: envelope.id, type: envelope.type };

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
      return this.deadLetter(record, error, 'permanent', envelope, fieldErrors);
    }
    const validated: EventEnvelope = { ...envelope, data: checked.value };
    const consumerName = options.consumerName ?? this.options.consumerName;

    for (let attempt = 1; ; attempt += 1) {
      let kind: FailureKind;
      let failure: unknown;
      try {
        const applied = await this.applyOnce(record, validated, decoded.trace, handler, consumerName);
        return applied
          ? { status: 'processed', eventId: envelope.id, type: envelope.type, attempts: attempt }
          : { status: 'duplicate', eventId: envelope.id, type: envelope.type };
      } catch (error) {
        failure = error;
        kind = classifyFailure(error);
      }
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
