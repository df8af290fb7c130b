import type { EventDefinition, EventEnvelope } from '@cargo/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { currentTraceHeaders } from '../codec/trace-context';
import type { AppendOptions, Causation, OutboxWriter } from './outbox.writer';

/**
 * What a unit of work sees: the transaction's EntityManager for state changes, and `publish` to
 * add events to the outbox in that same transaction.
 *
 * Invariant: everything done through `manager` and `publish` commits or rolls back together;
 * events become visible to the relay (and so to Kafka) only after the commit.
 */
export interface MessagingTransaction {
  readonly manager: EntityManager;
  publish<T extends object>(def: EventDefinition<T>, payload: T, options?: AppendOptions): Promise<EventEnvelope<T>>;
  /**
   * The consumed event this transaction applies (undefined outside a consumer), with the trace
   * context it is being handled in: what to keep when later work done on its behalf (a batch
   * decision) must continue its causation chain and its trace (`publish(..., { causation })`).
   */
  cause(): Causation | undefined;
}

export interface RunInTransactionOptions {
  isolationLevel?: IsolationLevel;
}

/** Binds a transaction's manager to the writer; `defaults` apply to every publish (e.g. the causing event). */
export function messagingTransaction(manager: EntityManager, writer: OutboxWriter, defaults: AppendOptions = {}): MessagingTransaction {
  return {
    manager,
    publish: (def, payload, options) => writer.append(manager, def, payload, { ...defaults, ...options }),
    cause: () => (defaults.causation ? { ...defaults.causation, trace: currentTraceHeaders(defaults.causation.trace) } : undefined),
  };
}

/**
 * Runs `work` in one database transaction with an outbox-aware {@link MessagingTransaction}.
 * The easy path for writers (HTTP handlers, schedulers): state change + events, atomically.
 *
 * ```ts
 * const envelope = await runInTransaction(dataSource, writer, async (tx) => {
 *   await tx.manager.insert(IntakeOrmEntity, row);
 *   return tx.publish(EventCatalog.CargoReceived, payload, { correlationId: requestId });
 * });
 * ```
 */
export function runInTransaction<R>(
  dataSource: DataSource,
  writer: OutboxWriter,
  work: (tx: MessagingTransaction) => Promise<R>,
  options: RunInTransactionOptions = {},
): Promise<R> {
  const run = (manager: EntityManager) => work(messagingTransaction(manager, writer));
  return options.isolationLevel ? dataSource.transaction(options.isolationLevel, run) : dataSource.transaction(run);
}

/** Injectable form of {@link runInTransaction} bound to the service's data source and writer. */
export class OutboxTransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OutboxWriter,
  ) {}

  run<R>(work: (tx: MessagingTransaction) => Promise<R>, options?: RunInTransactionOptions): Promise<R> {
    return runInTransaction(this.dataSource, this.writer, work, options);
  }
}
