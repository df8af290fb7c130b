import { KafkaContext, KafkaHeaders, ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { BatchEntry, BatchEntryResult, ConsumeOutcome } from '../consumer/idempotent-consumer.service';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';

/** Default cap of records applied in one transaction (`KAFKA_CONSUMER_BATCH_MAX_RECORDS`). */
export const DEFAULT_CONSUMER_BATCH_MAX_RECORDS = 500;

/** What applies the records enlisted from one chunk (the service's `KafkaEventConsumer`). */
export interface RecordBatchExecutor {
  applyBatch(entries: readonly BatchEntry[], heartbeat: () => Promise<void>): Promise<BatchEntryResult[]>;
}

/** Where a record's `consume` call enlists it while its chunk is being collected. */
export interface RecordBatchSlot {
  /** The record's outcome once its chunk committed; undefined when the chunk is already applying (then consume it alone). */
  enlist(executor: RecordBatchExecutor, entry: BatchEntry): Promise<ConsumeOutcome> | undefined;
}

/** The `KafkaContext` of a record consumed as part of a batch (see {@link BatchServerKafka}). */
export class RecordBatchContext extends KafkaContext {
  constructor(
    args: ConstructorParameters<typeof KafkaContext>[0],
    readonly slot: RecordBatchSlot,
  ) {
    super(args);
  }
}

/** True when `ctx` is a record consumed as part of a batch: its `consume` applies it in the batch's transaction. */
export function isBatchContext(ctx: KafkaContext): ctx is RecordBatchContext {
  return ctx instanceof RecordBatchContext;
}

interface Enlisted {
  executor: RecordBatchExecutor;
  entry: BatchEntry;
  settle(result: BatchEntryResult): void;
}

/**
 * NestJS's Kafka transport with kafkajs `eachBatch`: the records of a fetched batch (one
 * topic-partition) are applied in chunks of at most `maxRecords`, each chunk in ONE database
 * transaction, while `@EventPattern` handlers and `KafkaEventConsumer.consume(ctx, handlers)` stay
 * the services' API.
 *
 * Per chunk:
 * 1. Each record is dispatched, in offset order, through Nest to its `@EventPattern` handler, whose
 *    `consume` call enlists the record (its promise stays pending). A handler that fails before
 *    enlisting ends the chunk there.
 * 2. The enlisted records are applied together (`IdempotentConsumer.handleBatch`); each `consume`
 *    promise then settles with its own outcome, after the COMMIT, so what a handler does after
 *    `await consume(...)` happens after its record committed.
 * 3. Offsets are resolved in order up to the first record whose handler failed, then
 *    `commitOffsetsIfNecessary`; that failure is thrown, and kafkajs fetches the record again.
 *
 * Invariants: an offset is resolved only after its record's transaction committed (or its dead
 * letter was acknowledged); records of a partition are applied in order; chunks are sequential;
 * a stopping consumer (`isRunning()` false, drain) or a seek (`isStale()`) ends the batch between
 * chunks, leaving the rest unresolved. Request-response (`@MessagePattern` with a reply topic) is
 * handled record by record as `ServerKafka` does it.
 */
export class BatchServerKafka extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly maxRecords: number = DEFAULT_CONSUMER_BATCH_MAX_RECORDS,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const patterns = [...this.messageHandlers.keys()];
    if (patterns.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics: patterns });
    // ServerKafka sets `eachMessage` on this same object; a batch server must never run both.
    const run = Object.assign(this.options.run ?? {}, { eachBatchAutoResolve: false, eachBatch: (payload: EachBatchPayload) => this.handleBatch(payload) });
    delete (run as { eachMessage?: unknown }).eachMessage;
    await consumer.run(run);
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += this.maxRecords) {
      if (!isRunning() || isStale()) return;
      const { done, failure } = await this.handleChunk(batch.messages.slice(start, start + this.maxRecords), batch.topic, batch.partition, heartbeat);
      for (const message of done) resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      if (failure !== undefined) throw failure;
      await heartbeat();
    }
  }

  private async handleChunk(
    messages: KafkaMessage[],
    topic: string,
    partition: number,
    heartbeat: () => Promise<void>,
  ): Promise<{ done: KafkaMessage[]; failure?: unknown }> {
    const enlisted: Enlisted[] = [];
    const handled: { message: KafkaMessage; result: Promise<unknown> }[] = [];
    let collecting = true;
    for (const message of messages) {
      let enlistedNow: () => void = () => undefined;
      const wasEnlisted = new Promise<void>((resolve) => (enlistedNow = resolve));
      const slot: RecordBatchSlot = {
        enlist: (executor, entry) => {
          if (!collecting) return undefined;
          const outcome = new Promise<ConsumeOutcome>((resolve, reject) =>
            enlisted.push({ executor, entry, settle: (r) => (r.ok ? resolve(r.outcome) : reject(r.error)) }),
          );
          enlistedNow();
          return outcome;
        },
      };
      const result = this.dispatch(message, topic, partition, heartbeat, slot);
      result.catch(() => undefined);
      handled.push({ message, result });
      // Next record once this one is enlisted, or its handler ended without enlisting (or failed).
      const failedEarly = await Promise.race([wasEnlisted.then(() => false), result.then(() => false, () => true)]);
      if (failedEarly) break;
    }
    collecting = false;
    await this.apply(enlisted, heartbeat);
    const done: KafkaMessage[] = [];
    for (const { message, result } of handled) {
      try {
        await result;
      } catch (failure) {
        return { done, failure };
      }
      done.push(message);
    }
    return { done };
  }

  /** Applies the enlisted records, one executor's consecutive records per call (normally one call); settles each. */
  private async apply(enlisted: readonly Enlisted[], heartbeat: () => Promise<void>): Promise<void> {
    let failed = false;
    for (let start = 0; start < enlisted.length; ) {
      const executor = (enlisted[start] as Enlisted).executor;
      let end = start;
      while (end < enlisted.length && (enlisted[end] as Enlisted).executor === executor) end += 1;
      const group = enlisted.slice(start, end);
      let results: BatchEntryResult[];
      if (failed) {
        results = group.map(() => ({ ok: false, error: new MessagingError(MessagingErrorCodes.InfrastructureUnavailable, 'not attempted: an earlier record of its batch failed') }));
      } else {
        try {
          results = await executor.applyBatch(
            group.map((e) => e.entry),
            heartbeat,
          );
        } catch (error) {
          results = group.map(() => ({ ok: false, error }));
        }
      }
      group.forEach((e, i) => e.settle(results[i] ?? { ok: false, error: new MessagingError(MessagingErrorCodes.InfrastructureUnavailable, 'no result') }));
      failed ||= results.some((r) => !r.ok);
      start = end;
    }
  }

  /** What `ServerKafka.handleMessage` does for an event, with a {@link RecordBatchContext}. */
  private async dispatch(message: KafkaMessage, topic: string, partition: number, heartbeat: () => Promise<void>, slot: RecordBatchSlot): Promise<unknown> {
    const raw = (this.parser as NonNullable<ServerKafka['parser']>).parse<KafkaMessage & { topic: string; partition: number }>(
      Object.assign(message, { topic, partition }),
    );
    const packet = await this.deserializer.deserialize(raw, { channel: topic });
    const handler = this.getHandlerByPattern(packet.pattern);
    if (handler && !handler.isEventHandler && raw.headers?.[KafkaHeaders.CORRELATION_ID] && raw.headers[KafkaHeaders.REPLY_TOPIC]) {
      // Request-response: record by record, as ServerKafka does it.
      return this.handleMessage({ topic, partition, message, heartbeat, pause: () => () => undefined });
    }
    const ctx = new RecordBatchContext([raw, partition, topic, this.consumer as Consumer, heartbeat, this.producer as Producer], slot);
    return this.handleEvent(packet.pattern, packet, ctx);
  }
}
