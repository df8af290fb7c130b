import { createEnvelope, validatePayload, type EventDefinition, type EventEnvelope } from '@cargo/contracts';
import type { EntityManager } from 'typeorm';
import { CloudEventCodec } from '../codec/cloud-event.codec';
import { currentTraceHeaders, type TraceHeaders } from '../codec/trace-context';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';

/** The event that caused the one being written: its id and correlation id, and its trace context. */
export interface Causation {
  id: string;
  correlationid: string;
  /**
   * Trace context the new event belongs to: the causing event's (or, for work done later on its
   * behalf, the span that handled it). The active span wins when it is in the same trace; see
   * {@link currentTraceHeaders}.
   */
  trace?: TraceHeaders;
}

export interface AppendOptions {
  /** The consumed event that caused this one (sets `causationid`, inherits `correlationid` and trace). */
  causation?: Causation;
  /** Correlation id of a chain that starts outside Kafka (e.g. an HTTP request id). Ignored with `causation`. */
  correlationId?: string;
  /** Event id (UUID); random by default. */
  id?: string;
  /** Recording time; now by default. */
  time?: Date | string;
}

/** The LISTEN/NOTIFY channel the outbox of `schema` signals on (`<schema>_outbox`). */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/** Schema of the data source behind `manager` (the service's own). */
export function schemaOf(manager: Pick<EntityManager, 'connection'>): string {
  const schema = (manager.connection.options as { schema?: string }).schema;
  if (!schema) {
    throw new MessagingError(MessagingErrorCodes.InvalidConfig, 'The data source has no schema: every service owns one.');
  }
  return schema;
}

/**
 * Writes events into the service's transactional outbox.
 *
 * Invariants:
 * - `append` only works inside an open transaction on `manager` (else `MESSAGING.NO_TRANSACTION`):
 *   the outbox row commits or rolls back with the caller's state change, never on its own.
 * - The payload is validated against its contract class first (`MESSAGING.INVALID_PAYLOAD`), so a
 *   service cannot publish an event its consumers would dead-letter.
 * - The row holds the wire record (key = `def.keyOf(payload)`, CloudEvents headers, JSON value)
 *   and, in its own columns, the trace context to publish it in ({@link currentTraceHeaders}:
 *   the active span, or the causing event's trace); `pg_notify('<schema>_outbox')` is sent in the
 *   same transaction and is delivered to the relay only on commit.
 */
export class OutboxWriter {
  private readonly codec = new CloudEventCodec();

  constructor(private readonly options: { source: string }) {}

  get source(): string {
    return this.options.source;
  }

  async append<T extends object>(
    manager: EntityManager,
    def: EventDefinition<T>,
    payload: T,
    options: AppendOptions = {},
  ): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new MessagingError(
        MessagingErrorCodes.NoTransaction,
        `OutboxWriter.append(${def.type}) needs the EntityManager of an open transaction (use dataSource.transaction or runInTransaction).`,
      );
    }
    const checked = await validatePayload(def, payload);
    if (!checked.ok) {
      throw new MessagingError(
        MessagingErrorCodes.InvalidPayload,
        `Refusing to publish an invalid ${def.type}: ${checked.errors.map((e) => `${e.field || '(value)'}: ${e.message}`).join('; ')}`,
        { fields: checked.errors },
      );
    }
    const data = checked.value;
    const envelope = createEnvelope(def, data, {
      source: this.options.source,
      causation: options.causation ? { id: options.causation.id, correlationid: options.causation.correlationid } : undefined,
      correlationId: options.correlationId,
      id: options.id,
      time: options.time,
    });
    const key = def.keyOf(data);
    const record = this.codec.encode(envelope, { key });
    const trace = currentTraceHeaders(options.causation?.trace);
    const schema = schemaOf(manager);
    await manager.query(
      `WITH inserted AS (
         INSERT INTO "${schema}"."outbox" ("id", "topic", "key", "event_type", "headers", "payload", "traceparent", "tracestate")
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $8, $9)
         RETURNING "seq")
       SELECT pg_notify($7, '') FROM inserted`,
      [
        envelope.id,
        def.topic,
        key,
        def.type,
        JSON.stringify(record.headers),
        record.value,
        outboxChannel(schema),
        trace.traceparent ?? null,
        trace.tracestate ?? null,
      ],
    );
    return envelope;
  }
}
