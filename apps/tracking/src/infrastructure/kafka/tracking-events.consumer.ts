import { Logger } from '@nestjs/common';
import { ALL_TOPICS } from '@cargo/contracts';
import { errorMessage, type ConsumeOutcome, type EventHandlers, type IdempotentConsumer, type TopicProvisioner } from '@cargo/messaging';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { ProjectTrackingEventHandler } from '../../application/project-tracking-event.handler';
import { TRACKED_EVENT_TYPES } from '../../application/tracked-event.mapper';
import type { TrackingUpdate, TrackingUpdatesNotifier } from '../../application/tracking-updates.notifier';

/** The six topics tracking projects. */
export const TRACKED_TOPICS: readonly string[] = ALL_TOPICS;

export interface TrackingConsumerSettings {
  groupId: string;
  /** `processed_events.consumer` (the same for the live consumer and a rebuild). */
  consumerName: string;
  partitions: number;
  replicationFactor: number;
}

/**
 * Feeds one Kafka record through messaging's {@link IdempotentConsumer} (decode, validate, claim the
 * event id, dead-letter poison) into the projection, and announces the committed changes.
 */
export class TrackingRecordProcessor {
  constructor(
    private readonly core: IdempotentConsumer,
    private readonly projection: ProjectTrackingEventHandler<EntityManager>,
    private readonly notifier: TrackingUpdatesNotifier,
    private readonly consumerName: string,
  ) {}

  async process({ topic, partition, message, heartbeat }: EachMessagePayload, signal?: AbortSignal): Promise<ConsumeOutcome> {
    const changed: TrackingUpdate[] = [];
    const handlers: EventHandlers = Object.fromEntries(
      TRACKED_EVENT_TYPES.map((type) => [
        type,
        async (envelope, tx) => {
          changed.push(...(await this.projection.execute(envelope, tx.manager)));
        },
      ]),
    );
    const outcome = await this.core.handle(
      { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp },
      handlers,
      { consumerName: this.consumerName, heartbeat, signal },
    );
    if (outcome.status === 'processed') for (const update of changed) this.notifier.publish(update);
    return outcome;
  }
}

/**
 * The live consumer of the six topics: a kafkajs consumer group run in the background, so the
 * service boots (and serves the read model) while the broker is still unreachable; it provisions
 * the topics and (re)joins until stopped. Offsets commit only after a record was applied or
 * dead-lettered (kafkajs resolves an offset after `eachMessage` resolved).
 */
export class TrackingEventsConsumer {
  private readonly logger = new Logger('TrackingEventsConsumer');
  private consumer: Consumer | undefined;
  private stopped = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** True once the group joined and partitions are assigned. */
  running = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly provisioner: TopicProvisioner,
    private readonly processor: TrackingRecordProcessor,
    private readonly settings: TrackingConsumerSettings,
  ) {}

  start(): void {
    this.loop ??= this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.provisioner.ensureTopics({ topics: TRACKED_TOPICS, partitions: this.settings.partitions, replicationFactor: this.settings.replicationFactor });
        if (this.stopped) return;
        const consumer = this.kafka.consumer({ groupId: this.settings.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
        this.consumer = consumer;
        const crashed = new Promise<void>((resolve) => {
          consumer.on(consumer.events.CRASH, (event) => {
            if (!event.payload.restart) resolve();
          });
          consumer.on(consumer.events.GROUP_JOIN, () => {
            this.running = true;
          });
        });
        await consumer.connect();
        await consumer.subscribe({ topics: [...TRACKED_TOPICS], fromBeginning: true });
        await consumer.run({ partitionsConsumedConcurrently: 3, eachMessage: async (payload) => void (await this.processor.process(payload, this.abort.signal)) });
        attempt = 0;
        await Promise.race([crashed, new Promise<void>((resolve) => (this.wake = resolve))]);
        this.running = false;
        await consumer.disconnect().catch(() => undefined);
      } catch (error) {
        this.running = false;
        await this.consumer?.disconnect().catch(() => undefined);
        if (this.stopped) return;
        attempt += 1;
        this.logger.warn(`consumer not running (attempt ${attempt}); retrying: ${errorMessage(error)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
