import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import {
  createKafkaClient,
  IdempotentConsumer,
  MESSAGING_KAFKA_CLIENT,
  MessagingModule,
  TopicProvisioner,
} from '@cargo/messaging';
import type { Kafka } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { ProjectTrackingEventHandler } from './application/project-tracking-event.handler';
import { TrackingQueries } from './application/tracking-queries.service';
import { TrackingUpdatesNotifier } from './application/tracking-updates.notifier';
import { TrackingConfig } from './config/tracking.config';
import { TRACKED_TOPICS, TrackingEventsConsumer, TrackingRecordProcessor } from './infrastructure/kafka/tracking-events.consumer';
import { TrackingRebuildRunner } from './infrastructure/kafka/tracking-rebuild.runner';
import { TrackingProjectionRepository } from './infrastructure/persistence/tracking-projection.repository';
import { TrackingReadRepository } from './infrastructure/persistence/tracking-read.repository';
import { TrackingOrm } from './infrastructure/tracking.orm-config';
import { DashboardController } from './interface/web/dashboard.controller';
import { TrackingController } from './interface/http/tracking.controller';

export const TRACKING_CONFIG = Symbol('TRACKING_CONFIG');

/** Starts the live consumer after boot (in the background: boot never waits for the broker) and stops it first on shutdown. */
class TrackingConsumerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly consumer: TrackingEventsConsumer,
    private readonly enabled: boolean,
  ) {}
  onApplicationBootstrap(): void {
    if (this.enabled) this.consumer.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: TrackingConfig, databaseUrl: string): DynamicModule {
    const consumerName = config.TRACKING_CONSUMER_GROUP;
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({ url: databaseUrl, ...TrackingOrm }),
        HealthModule,
        MessagingModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            serviceName: 'tracking',
            dataSource,
            brokers: config.KAFKA_BROKERS.split(','),
            groupId: consumerName,
            topics: TRACKED_TOPICS,
            partitions: config.KAFKA_TOPIC_PARTITIONS,
            replicationFactor: config.KAFKA_REPLICATION_FACTOR,
            // tracking writes no events, and provisions its topics in the background (boot must not need the broker)
            provisionTopics: false,
            relay: { enabled: false },
            consumer: { name: consumerName },
          }),
        }),
      ],
      controllers: [TrackingController, DashboardController],
      providers: [
        { provide: TRACKING_CONFIG, useValue: config },
        TrackingUpdatesNotifier,
        {
          provide: TrackingProjectionRepository,
          useFactory: () => new TrackingProjectionRepository(TrackingOrm.schema),
        },
        {
          provide: TrackingReadRepository,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new TrackingReadRepository(dataSource),
        },
        {
          provide: TrackingQueries,
          inject: [TrackingReadRepository],
          useFactory: (reads: TrackingReadRepository) => new TrackingQueries(reads),
        },
        {
          provide: TrackingRecordProcessor,
          inject: [IdempotentConsumer, TrackingProjectionRepository, TrackingUpdatesNotifier],
          useFactory: (core: IdempotentConsumer, repository: TrackingProjectionRepository, notifier: TrackingUpdatesNotifier) =>
            new TrackingRecordProcessor(core, new ProjectTrackingEventHandler<EntityManager>(repository), notifier, consumerName),
        },
        {
          provide: TrackingEventsConsumer,
          inject: [TopicProvisioner, TrackingRecordProcessor],
          useFactory: (provisioner: TopicProvisioner, processor: TrackingRecordProcessor) =>
            new TrackingEventsConsumer(
              createKafkaClient({ brokers: config.KAFKA_BROKERS.split(','), clientId: 'tracking-consumer' }),
              provisioner,
              processor,
              { groupId: consumerName, consumerName, partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR },
            ),
        },
        {
          provide: TrackingConsumerLifecycle,
          inject: [TrackingEventsConsumer],
          useFactory: (consumer: TrackingEventsConsumer) => new TrackingConsumerLifecycle(consumer, config.TRACKING_CONSUME === 'true'),
        },
        {
          provide: TrackingRebuildRunner,
          inject: [MESSAGING_KAFKA_CLIENT, DataSource, TrackingProjectionRepository, TrackingRecordProcessor],
          useFactory: (kafka: Kafka, dataSource: DataSource, repository: TrackingProjectionRepository, processor: TrackingRecordProcessor) =>
            new TrackingRebuildRunner(kafka, dataSource, repository, processor, consumerName, TrackingOrm.schema),
        },
      ],
    };
  }
}

