import { createHash } from 'node:crypto';
import { ALL_TOPICS, EventCatalog, Topics } from '@cargo/contracts';
import type { ConsumedRecord, ConsumeOutcome, EventBatchHandler, EventHandlers, IdempotentConsumer, MessagingTransaction } from '@cargo/messaging';
import type { Clock } from '@cargo/service-runtime';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProjectTrackingEventUseCase } from '../../application/project-tracking-event.use-case';
import { TRACKED_EVENT_TYPES } from '../../application/tracked-event.mapper';
import type { TrackingUpdate, TrackingUpdatesNotifier } from '../../application/tracking-updates.notifier';
import type { FsuStatusMessage } from '../../domain/fsu-status.builder';

/** The topics tracking projects: every topic but `cargo.status.v1`, which tracking writes. */
export const TRACKED_TOPICS: readonly string[] = ALL_TOPICS.filter((t) => t !== Topics.CargoStatus);

/**
 * The CloudEvents id of a status on `cargo.status.v1`: a name-based UUID (version-5 layout) of the
 * AWB, the status and the event it comes from, so a status derived again carries the same id.
 */
export function statusEventId(s: Pick<FsuStatusMessage, 'awb' | 'status' | 'sourceEventId'>): string {
  const hex = createHash('sha1').update(`cargo.status.v1|${s.awb}|${s.status}|${s.sourceEventId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Writes the statuses to the outbox of the transaction (published with the projection, or not at
 * all), each with the causation of the event it comes from (`txOf`). A status whose id is still in
 * the outbox (an event applied again after its processed-event record was purged) is not written
 * twice. Each is recorded (envelope `time`) at the service's shared clock, not the wall clock (one
 * clock for event times).
 */
async function publishStatuses(txOf: (s: FsuStatusMessage) => MessagingTransaction, statuses: readonly FsuStatusMessage[], clock: Clock | undefined): Promise<void> {
  const first = statuses[0];
  if (!first) return;
  const manager = txOf(first).manager;
  const schema = (manager.connection.options as { schema?: string }).schema ?? 'public';
  const ids = statuses.map(statusEventId);
  const rows = (await manager.query(`SELECT "id" FROM "${schema}"."outbox" WHERE "id" = ANY($1::uuid[])`, [ids])) as Array<{ id: string }>;
  const written = new Set(rows.map((r) => r.id));
  for (const [i, s] of statuses.entries()) {
    const id = ids[i] as string;
    if (written.has(id)) continue;
    written.add(id);
    await txOf(s).publish(
      EventCatalog.ShipmentStatusReported,
      { awb: s.awb, status: s.status, place: s.place, ...(s.flightNumber ? { flightNumber: s.flightNumber } : {}), pieces: s.pieces, happenedAt: s.happenedAt, sourceEventId: s.sourceEventId, fsu: s.fsu },
      { id, ...(clock ? { time: clock.now() } : {}) },
    );
  }
}

/** Identifies a consumed record (topic, partition, offset). */
function recordKey(r: Pick<ConsumedRecord, 'topic' | 'partition' | 'offset'>): string {
  return `${r.topic}:${r.partition}:${r.offset}`;
}

/**
 * Applies Kafka records to the projection through messaging's idempotent consumer (decode,
 * validate, claim the event id, dead-letter poison), and announces the committed changes. Shared by
 * the live consumer (`TrackingEventsKafkaConsumer`, on the NestJS Kafka transport) and the rebuild
 * (a plain kafkajs reader), so both apply an event the same way under the same consumer name.
 *
 * Invariants: nothing is announced to this replica's subscribers before the transaction that made
 * it committed, nor for a record that was skipped, dead-lettered or rolled back; the set-based
 * batch hooks give the state the per-record handlers (their fallback) would give.
 */
export class TrackingRecordProcessor {
  /**
   * What the live batch hook changed, by the record of the run it is announced with (the run's
   * last): published once that record's outcome arrives (after the commit), dropped if it fails.
   */
  private readonly batchChanges = new Map<string, TrackingUpdate[]>();

  /**
   * The live consumer's set-based hook: a fetched batch's consecutive records projected together
   * (`ProjectTrackingEventUseCase.executeBatch`: a handful of statements per batch), with the
   * same result as the per-record handlers.
   */
  readonly projectMany: EventBatchHandler = {
    name: 'tracking-projection',
    apply: async (items) => {
      const last = items[items.length - 1];
      if (!last) return;
      const manager = last.tx.manager;
      const txById = new Map(items.map((i) => [i.envelope.id, i.tx]));
      const updates = await this.projection.executeBatch(
        items.map((i) => i.envelope),
        manager,
        this.publishStatusUpdates ? (statuses) => publishStatuses((st) => txById.get(st.sourceEventId) ?? last.tx, statuses, this.clock) : undefined,
      );
      await this.announce?.(manager, updates);
      this.batchChanges.set(recordKey(last.record), updates);
    },
  };

  constructor(
    private readonly core: IdempotentConsumer,
    private readonly projection: ProjectTrackingEventUseCase<EntityManager>,
    private readonly notifier: TrackingUpdatesNotifier,
    private readonly consumerName: string,
    /** Announces the changes to the other replicas inside the record's transaction (see `TrackingUpdatesPgChannel`). */
    private readonly announce?: (manager: EntityManager, updates: readonly TrackingUpdate[]) => Promise<void>,
    /** Writes each new FSU status to `cargo.status.v1` (the live consumer; never the rebuild, which would repeat them). */
    private readonly publishStatusUpdates = false,
    /** The shared clock the status events are recorded at (the live consumer's). */
    private readonly clock?: Clock,
  ) {}

  /** The per-record handlers (and the fallback of the batch hooks): each collects what it changed into `changed`. */
  private handlers(changed: TrackingUpdate[]): EventHandlers {
    return Object.fromEntries(
      TRACKED_EVENT_TYPES.map((type) => [
        type,
        async (envelope, tx) => {
          const updates = await this.projection.execute(envelope, tx.manager, this.publishStatusUpdates ? (statuses) => publishStatuses(() => tx, statuses, this.clock) : undefined);
          await this.announce?.(tx.manager, updates);
          changed.push(...updates);
        },
      ]),
    );
  }

  /**
   * Runs `consume` (which hands the record and the handlers to messaging, possibly with
   * {@link projectMany}) and, once the record's transaction committed, publishes what changed (to
   * this replica's subscribers; the others hear of it through the notification written in the same
   * transaction).
   */
  async apply(record: Pick<ConsumedRecord, 'topic' | 'partition' | 'offset'>, consume: (handlers: EventHandlers) => Promise<ConsumeOutcome>): Promise<ConsumeOutcome> {
    const key = recordKey(record);
    const changed: TrackingUpdate[] = [];
    try {
      const outcome = await consume(this.handlers(changed));
      if (outcome.status === 'processed') for (const update of [...changed, ...(this.batchChanges.get(key) ?? [])]) this.notifier.publish(update);
      return outcome;
    } finally {
      this.batchChanges.delete(key);
    }
  }

  /** One record read by a plain kafkajs consumer. */
  process(record: ConsumedRecord, options: { heartbeat?: () => Promise<void>; signal?: AbortSignal } = {}): Promise<ConsumeOutcome> {
    return this.apply(record, (handlers) => this.core.handle(record, handlers, { consumerName: this.consumerName, ...options }));
  }

  /**
   * A chunk of records read by a plain kafkajs consumer (the rebuild) in one transaction
   * (messaging's `handleBatch`: decode, validate, one multi-row claim, poison dead-lettered alone),
   * FILED without projecting the views (timeline and board, set-based); the rebuild projects every
   * AWB once at the end ({@link reproject}). Outcomes in record order; throws if a record could not
   * be settled (the rebuild then fails, as a record left uncommitted would).
   */
  async fileChunk(records: readonly ConsumedRecord[], options: { heartbeat?: () => Promise<void>; signal?: AbortSignal } = {}): Promise<ConsumeOutcome[]> {
    const changed: TrackingUpdate[] = [];
    const fileMany: EventBatchHandler = {
      name: 'tracking-file',
      apply: async (items) => {
        const manager = items[0]?.tx.manager;
        if (!manager) return;
        const { flights } = await this.projection.fileBatch(
          items.map((i) => i.envelope),
          manager,
        );
        const updates = flights.map((flightId): TrackingUpdate => ({ type: 'flight', flightId }));
        await this.announce?.(manager, updates);
        changed.push(...updates);
      },
    };
    const handlers = this.handlers(changed);
    const results = await this.core.handleBatch(
      records.map((record) => ({ record, handlers, consumerName: this.consumerName, batch: fileMany })),
      options,
    );
    const outcomes = results.map((r) => {
      if (!r.ok) throw r.error;
      return r.outcome;
    });
    for (const update of changed) this.notifier.publish(update);
    return outcomes;
  }

  /** Projects the AWBs' views again from what is filed, in one transaction, and announces them once it committed. */
  async reproject(awbs: readonly string[], dataSource: DataSource): Promise<void> {
    const changed = await dataSource.transaction(async (manager) => {
      const updates = await this.projection.reproject(awbs, manager);
      await this.announce?.(manager, updates);
      return updates;
    });
    for (const update of changed) this.notifier.publish(update);
  }
}
