import { READINESS_CHECKS, type ReadinessCheck } from '@cargo/service-runtime';
import { Logger, Module, type DynamicModule, type InjectionToken, type ModuleMetadata, type OptionalFactoryDependency } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DeadLetterPublisher } from '../consumer/dead-letter.publisher';
import { EventRegistry } from '../consumer/event.registry';
import { IdempotentConsumer } from '../consumer/idempotent-consumer.service';
import { createIdempotentProducer, createKafkaClient } from '../kafka/kafka-client.factory';
import { TopicProvisioner } from '../kafka/topic-provisioner.service';
import { OutboxTransactionRunner } from '../outbox/messaging-transaction';
import { OutboxWriter } from '../outbox/outbox.writer';
import { OutboxRelay } from '../relay/outbox.relay';
import { MessagingRetentionPurger } from '../retention/messaging-retention.purger';
import { MessagingMetrics } from '../telemetry/messaging.metrics';
import { KafkaConsumerStarter } from './kafka-consumer.starter';
import { KafkaEventConsumer } from './kafka-event.consumer';
import { MessagingHealthIndicator } from './messaging.health-indicator';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MESSAGING_KAFKA_CLIENT, MESSAGING_OPTIONS, resolveMessagingOptions, type MessagingModuleOptions, type MessagingOptions } from './messaging.options';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
  /** Register globally (default true): one messaging setup per service. */
  global?: boolean;
}

/**
 * Everything a service needs to write and consume events reliably. Provides (and exports):
 * {@link OutboxWriter}, {@link OutboxTransactionRunner}, {@link OutboxRelay} (started on bootstrap,
 * flushed and stopped on shutdown), {@link KafkaEventConsumer} (for `@EventPattern` handlers),
 * {@link IdempotentConsumer}, {@link DeadLetterPublisher}, {@link EventRegistry},
 * {@link MessagingRetentionPurger} (published outbox rows and processed-event ids deleted after the
 * retention, batched), {@link TopicProvisioner} (topics created in `onModuleInit`, or in the background with
 * `provisionTopics: 'background'`), {@link KafkaConsumerStarter} (background start of topics and the
 * Kafka transport; see {@link connectKafkaConsumer}), {@link MessagingHealthIndicator} (its `kafka`
 * consumption detail is added to `/health/ready` through {@link READINESS_CHECKS}), and the
 * resolved options under {@link MESSAGING_OPTIONS}.
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const providers = [
      {
        provide: MESSAGING_OPTIONS,
        inject: options.inject ?? [],
        useFactory: async (...args: never[]) => resolveMessagingOptions(await options.useFactory(...args)),
      },
      {
        provide: MESSAGING_KAFKA_CLIENT,
        inject: [MESSAGING_OPTIONS],
        useFactory: (o: MessagingOptions) =>
          createKafkaClient({ brokers: o.brokers, security: o.security, clientId: o.clientId, logLevel: o.kafkaLogLevel, logger: new Logger('kafkajs') }),
      },
      {
        provide: OutboxWriter,
        inject: [MESSAGING_OPTIONS],
        useFactory: (o: MessagingOptions) => new OutboxWriter({ source: o.source }),
      },
      {
        provide: OutboxTransactionRunner,
        inject: [MESSAGING_OPTIONS, OutboxWriter],
        useFactory: (o: MessagingOptions, writer: OutboxWriter) => new OutboxTransactionRunner(o.dataSource, writer),
      },
      {
        provide: MessagingMetrics,
        inject: [MESSAGING_OPTIONS, MESSAGING_KAFKA_CLIENT, { token: Registry, optional: true }],
        useFactory: (o: MessagingOptions, kafka: Kafka, registry: Registry | undefined) =>
          new MessagingMetrics({
            // Without a service registry (a bare test app) the metrics are kept but not exposed.
            registry: registry ?? new Registry(),
            dataSource: o.dataSource,
            schema: o.schema,
            kafka,
            // The NestJS Kafka transport appends `-server` to the group id.
            consumerGroup: `${o.groupId}-server`,
            topics: o.topics,
          }),
      },
      {
        provide: OutboxRelay,
        inject: [MESSAGING_OPTIONS, MESSAGING_KAFKA_CLIENT, MessagingMetrics],
        useFactory: (o: MessagingOptions, kafka: Kafka, metrics: MessagingMetrics) => {
          const { enabled: _enabled, hooks, ...relayOptions } = o.relay;
          return new OutboxRelay({
            observer: metrics,
            dataSource: o.dataSource,
            schema: o.schema,
            createProducer: () => createIdempotentProducer(kafka),
            options: relayOptions,
            hooks,
            logger: new Logger('OutboxRelay'),
          });
        },
      },
      {
        provide: MessagingRetentionPurger,
        inject: [MESSAGING_OPTIONS],
        useFactory: (o: MessagingOptions) =>
          new MessagingRetentionPurger({ dataSource: o.dataSource, schema: o.schema, options: o.retention, logger: new Logger('MessagingRetention') }),
      },
      {
        provide: EventRegistry,
        inject: [MESSAGING_OPTIONS],
        useFactory: (o: MessagingOptions) => new EventRegistry(o.events),
      },
      {
        provide: DeadLetterPublisher,
        inject: [MESSAGING_OPTIONS, MESSAGING_KAFKA_CLIENT],
        useFactory: (o: MessagingOptions, kafka: Kafka) =>
          new DeadLetterPublisher({
            createProducer: () => createIdempotentProducer(kafka),
            consumerName: o.consumer.consumerName,
            logger: new Logger('DeadLetterPublisher'),
          }),
      },
      {
        provide: IdempotentConsumer,
        inject: [MESSAGING_OPTIONS, OutboxWriter, EventRegistry, DeadLetterPublisher, MessagingMetrics],
        useFactory: (o: MessagingOptions, writer: OutboxWriter, registry: EventRegistry, deadLetters: DeadLetterPublisher, metrics: MessagingMetrics) =>
          new IdempotentConsumer({
            observer: metrics,
            dataSource: o.dataSource,
            schema: o.schema,
            writer,
            registry,
            deadLetters,
            options: { consumerName: o.consumer.consumerName, maxAttempts: o.consumer.maxAttempts, backoff: o.consumer.backoff },
            logger: new Logger('IdempotentConsumer'),
          }),
      },
      {
        provide: KafkaEventConsumer,
        inject: [IdempotentConsumer],
        useFactory: (core: IdempotentConsumer) => new KafkaEventConsumer(core),
      },
      {
        provide: TopicProvisioner,
        inject: [MESSAGING_KAFKA_CLIENT],
        useFactory: (kafka: Kafka) => new TopicProvisioner(kafka, new Logger('TopicProvisioner')),
      },
      {
        provide: KafkaConsumerStarter,
        inject: [MESSAGING_OPTIONS, TopicProvisioner],
        useFactory: (o: MessagingOptions, provisioner: TopicProvisioner) => new KafkaConsumerStarter(o, provisioner),
      },
      {
        provide: MessagingHealthIndicator,
        inject: [MESSAGING_OPTIONS, OutboxRelay, KafkaConsumerStarter],
        useFactory: (o: MessagingOptions, relay: OutboxRelay, starter: KafkaConsumerStarter) =>
          new MessagingHealthIndicator(relay, o.relay.enabled, undefined, starter),
      },
      {
        provide: READINESS_CHECKS,
        inject: [MessagingHealthIndicator],
        useFactory: (health: MessagingHealthIndicator): ReadinessCheck[] => [() => health.consumption('kafka')],
      },
      {
        provide: MessagingLifecycle,
        inject: [MESSAGING_OPTIONS, TopicProvisioner, OutboxRelay, KafkaEventConsumer, DeadLetterPublisher, KafkaConsumerStarter, MessagingMetrics, MessagingRetentionPurger],
        useFactory: (
          o: MessagingOptions,
          provisioner: TopicProvisioner,
          relay: OutboxRelay,
          consumer: KafkaEventConsumer,
          deadLetters: DeadLetterPublisher,
          starter: KafkaConsumerStarter,
          metrics: MessagingMetrics,
          purger: MessagingRetentionPurger,
        ) => new MessagingLifecycle(o, provisioner, relay, consumer, deadLetters, starter, metrics, purger),
      },
    ];
    return {
      module: MessagingModule,
      global: options.global ?? true,
      imports: options.imports ?? [],
      providers,
      exports: providers.map((p) => p.provide).filter((token) => token !== MessagingLifecycle),
    };
  }
}
