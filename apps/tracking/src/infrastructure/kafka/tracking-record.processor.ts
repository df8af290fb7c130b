import { ALL_TOPICS } from '@cargo/contracts';
import type { ConsumeOutcome, EventHandlers, IdempotentConsumer } from '@cargo/messaging';
import type { EachMessagePayload } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { ProjectTrackingEventUseCase } from '../../application/project-tracking-event.use-case';
import { TRACKED_EVENT_TYPES } from '../../application/tracked-event.mapper';
import type { TrackingUpdate, TrackingUpdatesNotifier } from '../../application/tracking-updates.notifier';

/** The six topics tracking projects. */
export const TRACKED_TOPICS: readonly string[] = ALL_TOPICS;

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
          const updates = await this.projection.execute(envelope, tx.manager);
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
