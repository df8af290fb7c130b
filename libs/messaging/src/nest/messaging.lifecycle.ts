import type { BeforeApplicationShutdown, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { DeadLetterPublisher } from '../consumer/dead-letter.publisher';
import { errorMessage } from '../errors/messaging.error';
import type { TopicProvisioner } from '../kafka/topic-provisioner.service';
import type { OutboxRelay } from '../relay/outbox.relay';
import type { MessagingRetentionPurger } from '../retention/messaging-retention.purger';
import type { MessagingMetrics } from '../telemetry/messaging.metrics';
import type { KafkaConsumerStarter } from './kafka-consumer.starter';
import type { KafkaEventConsumer } from './kafka-event.consumer';
import type { MessagingOptions } from './messaging.options';

/**
 * Start-up and shutdown order of the messaging pieces inside a Nest application.
 *
 * - `onModuleInit` (during `app.init()`, before `app.startAllMicroservices()` subscribes):
 *   create the topics, so no client ever needs auto-creation (`provisionTopics: true`).
 * - `onApplicationBootstrap`: start the outbox relay, the retention purge, and the {@link KafkaConsumerStarter} in the
 *   background (`provisionTopics: 'background'` and/or a transport attached by `connectKafkaConsumer`).
 * - `beforeApplicationShutdown` (before Nest closes the Kafka transport and before TypeORM's
 *   data source is destroyed in `onApplicationShutdown`): stop the background start-up, stop consuming and finish in-flight
 *   handlers, then flush and stop the relay (so events written by those handlers go out), then
 *   disconnect the dead-letter producer. Needs `app.enableShutdownHooks()` for signals.
 */
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly options: MessagingOptions,
    private readonly provisioner: TopicProvisioner,
    private readonly relay: OutboxRelay,
    private readonly consumer: KafkaEventConsumer,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly starter: KafkaConsumerStarter,
    private readonly metrics?: MessagingMetrics,
    private readonly purger?: MessagingRetentionPurger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.options.provisionTopics !== true || this.options.topics.length === 0) return;
    await this.provisioner.ensureTopics({
      topics: this.options.topics,
      partitions: this.options.partitions,
      replicationFactor: this.options.replicationFactor,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay.enabled) await this.relay.start();
    this.purger?.start();
    this.starter.begin();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.starter.stop();
    await this.purger?.stop();
    try {
      await this.consumer.drain(this.options.consumer.drainTimeoutMs);
    } catch (error) {
      this.logger.warn(`draining consumers: ${errorMessage(error)}`);
    }
    await this.relay.stop();
    await this.deadLetters.disconnect();
    await this.metrics?.close();
  }
}
