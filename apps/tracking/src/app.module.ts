import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@cargo/contracts';
import { Clock, HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { IdempotentConsumer, kafkaSettingsOf, MESSAGING_KAFKA_CLIENT, MessagingModule } from '@cargo/messaging';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { ProjectTrackingEventUseCase } from './application/project-tracking-event.use-case';
import { TrackingProjectionStore } from './application/tracking-projection.port';
import { TrackingQueriesUseCase } from './application/tracking-queries.use-case';
import { TrackingReadStore } from './application/tracking-read.port';
import { TrackingUpdatesNotifier } from './application/tracking-updates.notifier';
import { TrackingConfig } from './config/tracking.config';
import { TRACKED_TOPICS, TrackingRecordProcessor } from './infrastructure/kafka/tracking-record.processor';
import { TrackingRebuildRunner } from './infrastructure/kafka/tracking-rebuild.runner';
import { TrackingProjectionRepository } from './infrastructure/persistence/tracking-projection.repository';
import { TrackingReadRepository } from './infrastructure/persistence/tracking-read.repository';
import { TrackingUpdatesPgChannel } from './infrastructure/persistence/tracking-updates.pg-channel';
import { TrackingOrm } from './infrastructure/tracking.orm-config';
import { TrackingKpiMetrics } from './infrastructure/tracking-kpi.metrics';
import { TrackingEventsKafkaConsumer } from './interface/kafka/tracking-events.kafka-consumer';
import { DashboardController } from './interface/web/dashboard.controller';
import { HubControlController } from './interface/http/hub-control.controller';
import { HubControlReadStore } from './application/hub-control-read.port';
import { EXCEPTION_THRESHOLDS, HubControlQueriesUseCase } from './application/hub-control-queries.use-case';
import { EXCEPTIONS_MONITOR_SETTINGS, OperatorExceptionsMonitor } from './application/operator-exceptions.monitor';
import { HubControlReadRepository } from './infrastructure/persistence/hub-control-read.repository';
import { TrackingController } from './interface/http/tracking.controller';

const TRACKING_CONFIG = Symbol('TRACKING_CONFIG');

@Module({})
export class AppModule {
  static forRoot(config: TrackingConfig, databaseUrl: string): DynamicModule {
    const consumerName = config.TRACKING_CONSUMER_GROUP;
    const consuming = config.TRACKING_CONSUME === 'true';
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
            ...kafkaSettingsOf(config),
            groupId: consumerName,
            // what it consumes, and what it writes (provisioned with the others; no consumer lag on it)
            topics: [...TRACKED_TOPICS, Topics.CargoStatus],
            // tracking writes only `cargo.status.v1` (FSU statuses, through its outbox). Topics are created
            // after boot, retrying while the broker is down (boot must not need the broker); not at all for
            // `rebuild` (TRACKING_CONSUME=false), which only reads and publishes nothing.
            provisionTopics: consuming ? 'background' : false,
            relay: { enabled: consuming },
            consumer: { name: consumerName },
          }),
        }),
      ],
      // The Kafka controller is bound only when the service definition connects the Kafka transport (TRACKING_CONSUME).
      controllers: [TrackingController, HubControlController, DashboardController, TrackingEventsKafkaConsumer],
      providers: [
        { provide: TRACKING_CONFIG, useValue: config },
        TrackingUpdatesNotifier,
        {
          provide: TrackingProjectionRepository,
          useFactory: () => new TrackingProjectionRepository(TrackingOrm.schema),
        },
        // The rebuild also needs the repository itself (it empties the read model); the use case sees the port.
        { provide: TrackingProjectionStore, useExisting: TrackingProjectionRepository },
        {
          provide: TrackingReadStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new TrackingReadRepository(dataSource),
        },
        TrackingQueriesUseCase,
        // The operator views (hub control, exceptions queue, network, KPI trend).
        {
          provide: HubControlReadStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new HubControlReadRepository(dataSource),
        },
        { provide: EXCEPTION_THRESHOLDS, useValue: { customsHoldMinutes: config.CONTROL_HOLD_THRESHOLD_MINUTES } },
        { provide: EXCEPTIONS_MONITOR_SETTINGS, useValue: { tickMs: config.CONTROL_EXCEPTIONS_TICK_MS } },
        HubControlQueriesUseCase,
        OperatorExceptionsMonitor,
        {
          provide: TrackingKpiMetrics,
          inject: [Registry, TrackingQueriesUseCase],
          useFactory: (registry: Registry, queries: TrackingQueriesUseCase) => new TrackingKpiMetrics(registry, () => queries.kpis()),
        },
        ProjectTrackingEventUseCase,
        // Server-sent events of every replica hear of every change (PostgreSQL LISTEN/NOTIFY).
        {
          provide: TrackingUpdatesPgChannel,
          inject: [DataSource, TrackingUpdatesNotifier, TrackingQueriesUseCase],
          useFactory: (dataSource: DataSource, notifier: TrackingUpdatesNotifier, queries: TrackingQueriesUseCase) => new TrackingUpdatesPgChannel(dataSource, notifier, queries),
        },
        {
          provide: TrackingRecordProcessor,
          inject: [IdempotentConsumer, ProjectTrackingEventUseCase, TrackingUpdatesNotifier, TrackingUpdatesPgChannel, Clock],
          useFactory: (core: IdempotentConsumer, projection: ProjectTrackingEventUseCase<EntityManager>, notifier: TrackingUpdatesNotifier, channel: TrackingUpdatesPgChannel, clock: Clock) =>
            new TrackingRecordProcessor(core, projection, notifier, consumerName, (manager, updates) => channel.announce(manager, updates), consuming, clock),
        },
        {
          provide: TrackingRebuildRunner,
          inject: [MESSAGING_KAFKA_CLIENT, DataSource, TrackingProjectionRepository, IdempotentConsumer, ProjectTrackingEventUseCase, TrackingUpdatesNotifier, TrackingUpdatesPgChannel],
          useFactory: (
            kafka: Kafka,
            dataSource: DataSource,
            repository: TrackingProjectionRepository,
            core: IdempotentConsumer,
            projection: ProjectTrackingEventUseCase<EntityManager>,
            notifier: TrackingUpdatesNotifier,
            channel: TrackingUpdatesPgChannel,
          ) =>
            // A rebuild re-applies what was already published: it writes no statuses to cargo.status.v1.
            new TrackingRebuildRunner(
              kafka,
              dataSource,
              repository,
              // Thousands of changes a transaction: the notifications name the AWBs, receivers read the views.
              new TrackingRecordProcessor(core, projection, notifier, consumerName, (manager, updates) => channel.announce(manager, updates, { views: false }), false),
              consumerName,
              TrackingOrm.schema,
            ),
        },
      ],
    };
  }
}

