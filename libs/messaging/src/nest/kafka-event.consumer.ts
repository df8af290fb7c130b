import type { KafkaContext } from '@nestjs/microservices';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';
import type { ConsumedRecord } from '../consumer/consumed-record';
import type { BatchEntry, BatchEntryResult, ConsumeOutcome, EventBatchHandler, EventHandlers, IdempotentConsumer } from '../consumer/idempotent-consumer.service';
import { isBatchContext, type RecordBatchExecutor } from './batch-server-kafka';

/** The part of a kafkajs consumer the drain needs. */
interface StoppableConsumer {
  stop(): Promise<void>;
}

export interface ConsumeOptions {
  /** Overrides the consumer name recorded in `processed_events` (default: the service's group id). */
  consumerName?: string;
  /**
   * Applies consecutive records of a fetched batch together (set-based), instead of `handlers` one
   * by one; `handlers` stay the fallback that isolates a failing record. See {@link EventBatchHandler}.
   */
  batch?: EventBatchHandler;
}

/**
 * NestJS adapter of {@link IdempotentConsumer} for `@EventPattern` handlers on the Kafka transport:
 *
 * ```ts
 * @EventPattern(Topics.CargoIntake)
 * onIntake(@Payload() _value: unknown, @Ctx() ctx: KafkaContext) {
 *   return this.events.consume(ctx, {
 *     [EventCatalog.CargoReceived.type]: (envelope, tx) => this.registerIntake.execute(envelope, tx),
 *   });
 * }
 * ```
 *
 * Return (or await) the promise: the transport awaits it before kafkajs may commit the offset.
 *
 * With {@link BatchServerKafka} (what {@link kafkaMicroserviceOptions} sets up), `consume` enlists
 * the record in its fetched batch: all records of a chunk are applied in one transaction
 * (`IdempotentConsumer.handleBatch`), and the promise settles with this record's outcome after that
 * transaction committed. Otherwise (`eachMessage`) it applies the record alone.
 *
 * Invariants:
 * - Reads the raw record from `ctx.getMessage()` (use {@link kafkaMicroserviceOptions}, whose
 *   `keepBinary` parser leaves the value untouched; other parser output is accepted too).
 * - A thrown error means "not done": kafkajs does not commit and redelivers the record.
 * - `drain()` (shutdown): refuses new records (they stay uncommitted), stops the kafkajs
 *   consumers it has seen (kafkajs waits for the record in progress), and waits for in-flight
 *   handlers up to a timeout.
 */
export class KafkaEventConsumer implements RecordBatchExecutor {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly consumers = new Set<StoppableConsumer>();
  private readonly abort = new AbortController();
  private draining = false;

  constructor(private readonly core: IdempotentConsumer) {}

  /** True once shutdown began: new records are refused (left uncommitted). */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Records being handled right now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  consume(ctx: KafkaContext, handlers: EventHandlers, options: ConsumeOptions = {}): Promise<ConsumeOutcome> {
    const message = ctx.getMessage() as unknown as {
      offset: string;
      key?: Buffer | string | null;
      value?: unknown;
      headers?: Record<string, unknown>;
      timestamp?: string;
    };
    const record: ConsumedRecord = {
      topic: ctx.getTopic(),
      partition: ctx.getPartition(),
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers,
      timestamp: message.timestamp,
    };
    if (this.draining) {
      return Promise.reject(
        new MessagingError(
          MessagingErrorCodes.ShuttingDown,
          `shutting down: leaving ${record.topic}[${record.partition}]@${record.offset} uncommitted for redelivery`,
        ),
      );
    }
    const consumer = ctx.getConsumer() as unknown as StoppableConsumer | undefined;
    if (consumer && typeof consumer.stop === 'function') this.consumers.add(consumer);
    const heartbeat = ctx.getHeartbeat();
    const entry: BatchEntry = { record, handlers, consumerName: options.consumerName, batch: options.batch };
    const work =
      (isBatchContext(ctx) ? ctx.slot.enlist(this, entry) : undefined) ??
      this.core.handle(record, handlers, {
        consumerName: options.consumerName,
        heartbeat: typeof heartbeat === 'function' ? heartbeat : undefined,
        signal: this.abort.signal,
      });
    this.inFlight.add(work);
    void work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  /** Applies the records one chunk of a fetched batch enlisted (called by {@link BatchServerKafka}). */
  applyBatch(entries: readonly BatchEntry[], heartbeat: () => Promise<void>): Promise<BatchEntryResult[]> {
    return this.core.handleBatch(entries, { heartbeat, signal: this.abort.signal });
  }

  /** Stop taking records and wait for the ones in progress (see class invariants). */
  async drain(timeoutMs = 30_000): Promise<void> {
    this.draining = true;
    this.abort.abort();
    const stops = [...this.consumers].map((consumer) => consumer.stop().catch(() => undefined));
    const all = Promise.all([...stops, ...[...this.inFlight].map((p) => p.catch(() => undefined))]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
