import { createHash } from 'node:crypto';
import { ALL_TOPICS, EventCatalog, Topics } from '@cargo/contracts';
import type { ConsumeOutcome, EventHandlers, IdempotentConsumer, MessagingTransaction } from '@cargo/messaging';
import type { Clock } from '@cargo/service-runtime';
import type { EachMessagePayload } from 'kafkajs';
import type { EntityManager } from 'typeorm';
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
 * Writes the statuses to the outbox of the record's transaction (published with the projection, or
 * not at all). A status whose id is still in the outbox (an event applied again after its
 * processed-event record was purged) is not written twice. Each is recorded (envelope `time`) at
 * the service's shared clock, not the wall clock (one clock for event times).
 */
async function publishStatuses(tx: MessagingTransaction, statuses: readonly FsuStatusMessage[], clock: Clock | undefined): Promise<void> {
  const schema = (tx.manager.connection.options as { schema?: string }).schema ?? 'public';
  for (const s of statuses) {
    const id = statusEventId(s);
    const written = (await tx.manager.query(`SELECT 1 FROM "${schema}"."outbox" WHERE "id" = $1`, [id])) as unknown[];
    if (written.length > 0) continue;
    await tx.publish(
      EventCatalog.ShipmentStatusReported,
      { awb: s.awb, status: s.status, place: s.place, ...(s.flightNumber ? { flightNumber: s.flightNumber } : {}), pieces: s.pieces, happenedAt: s.happenedAt, sourceEventId: s.sourceEventId, fsu: s.fsu },
      { id, ...(clock ? { time: clock.now() } : {}) },
    );
  }
}

/**
 * Applies one Kafka record to the projection through messaging's idempotent consumer (decode,
 * validate, claim the event id, dead-letter poison), and announces the committed changes. Shared by
 * the live consumer (`TrackingEventsKafkaConsumer`, on the NestJS Kafka transport) and the rebuild
 * (a plain kafkajs reader), so both apply an event the same way under the same consumer name.
 */
export class TrackingRecordProcessor {
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

  /**
   * Runs `consume` (which hands the record and these handlers to messaging) and, once the record's
   * transaction committed, publishes what changed (to this replica's subscribers; the others hear
   * of it through the notification written in the same transaction). Invariant: nothing is
   * announced for a record that was skipped, dead-lettered or rolled back.
   */
  async apply(consume: (handlers: EventHandlers) => Promise<ConsumeOutcome>): Promise<ConsumeOutcome> {
    const changed: TrackingUpdate[] = [];
    const handlers: EventHandlers = Object.fromEntries(
      TRACKED_EVENT_TYPES.map((type) => [
        type,
        async (envelope, tx) => {
          const updates = await this.projection.execute(envelope, tx.manager, this.publishStatusUpdates ? (statuses) => publishStatuses(tx, statuses, this.clock) : undefined);
          await this.announce?.(tx.manager, updates);
          changed.push(...updates);
        },
      ]),
    );
    const outcome = await consume(handlers);
    if (outcome.status === 'processed') for (const update of changed) this.notifier.publish(update);
    return outcome;
  }

  /** One record read by a plain kafkajs consumer (the rebuild). */
  process({ topic, partition, message, heartbeat }: EachMessagePayload, signal?: AbortSignal): Promise<ConsumeOutcome> {
    return this.apply((handlers) =>
      this.core.handle(
        { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp },
        handlers,
        { consumerName: this.consumerName, heartbeat, signal },
      ),
    );
  }
}
