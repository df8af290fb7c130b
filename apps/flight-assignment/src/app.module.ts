import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ALL_EVENT_DEFINITIONS, Topics } from '@cargo/contracts';
import { kafkaSettingsOf, MessagingModule, OutboxTransactionRunner } from '@cargo/messaging';
import { Clock, HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { AIRLINE_STATUS_SETTINGS, AirlineStatusUseCase, type AirlineStatusSettings } from './application/airline-status.use-case';
import { ApplyIntakeChangesUseCase } from './application/apply-intake-changes.use-case';
import { ApplyShipmentEventsUseCase } from './application/apply-shipment-events.use-case';
import { AssignmentBatchMonitor } from './application/assignment-batch.monitor';
import { AssignmentEngine } from './application/assignment.engine';
import { AssignmentScheduler, SCHEDULER_SETTINGS, type SchedulerSettings } from './application/assignment.scheduler';
import { TickLock } from './application/tick-lock.port';
import { AssignmentExceptionsUseCase } from './application/assignment-exceptions.use-case';
import { FlightOpsUseCase } from './application/flight-ops.use-case';
import { UnitOfWorkRunner } from './application/unit-of-work.port';
import { FlightAssignmentConfig } from './config/flight-assignment.config';
import { FlightAssignmentOrm } from './infrastructure/flight-assignment.orm-config';
import { OutboxUnitOfWorkRunner } from './infrastructure/outbox-unit-of-work.runner';
import { PostgresTickLock } from './infrastructure/postgres-tick.lock';
import { TelemetryAssignmentBatchMonitor } from './infrastructure/telemetry-assignment-batch.monitor';
import { AirlineStatusController } from './interface/http/airline-status.controller';
import { AirlineStatusFsuController } from './interface/http/airline-status-fsu.controller';
import { ExceptionsController } from './interface/http/exceptions.controller';
import { FlightsController } from './interface/http/flights.controller';
import { OpsClockController } from './interface/http/ops-clock.controller';
import { ShipmentsController } from './interface/http/shipments.controller';
import { ShipmentEventsKafkaConsumer } from './interface/kafka/shipment-events.kafka-consumer';

/** The topics this service consumes or produces (created at start with their `.dlq`). */
const FLIGHT_ASSIGNMENT_TOPICS = [
  Topics.CargoIntake,
  Topics.CustomsRelease,
  Topics.CustomsHold,
  Topics.FlightAssignment,
  Topics.FlightManifest,
  Topics.CargoHandling,
] as const;

@Module({})
export class AppModule {
  static forRoot(config: FlightAssignmentConfig, databaseUrl: string): DynamicModule {
    const scheduler: SchedulerSettings = {
      tickMs: config.SCHEDULER_TICK_MS,
      batchWindowMs: config.ASSIGNMENT_BATCH_WINDOW_MS,
      timetableStartDate: config.TIMETABLE_START_DATE,
      timetableDays: config.TIMETABLE_DAYS,
      timetableSeed: config.TIMETABLE_SEED,
    };
    const airlineStatus: AirlineStatusSettings = { silenceMs: config.AIRLINE_SILENCE_MINUTES * 60_000, clockSkewMs: config.CLOCK_SKEW_TOLERANCE_SECONDS * 1000 };
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({ url: databaseUrl, ...FlightAssignmentOrm }),
        HealthModule,
        MessagingModule.forRootAsync({
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => ({
            serviceName: 'flight-assignment',
            dataSource,
            ...kafkaSettingsOf(config),
            topics: FLIGHT_ASSIGNMENT_TOPICS,
            events: ALL_EVENT_DEFINITIONS,
            // After boot, retrying while the broker is down: the service comes up without Kafka.
            provisionTopics: 'background',
            kafkaLogLevel: logLevel.WARN,
          }),
        }),
      ],
      controllers: [FlightsController, ShipmentsController, AirlineStatusController, AirlineStatusFsuController, OpsClockController, ExceptionsController, ShipmentEventsKafkaConsumer],
      providers: [
        { provide: UnitOfWorkRunner, inject: [OutboxTransactionRunner, Clock], useFactory: (runner: OutboxTransactionRunner, clock: Clock) => new OutboxUnitOfWorkRunner(runner, clock) },
        { provide: SCHEDULER_SETTINGS, useValue: scheduler },
        { provide: AIRLINE_STATUS_SETTINGS, useValue: airlineStatus },
        AirlineStatusUseCase,
        AssignmentEngine,
        ApplyShipmentEventsUseCase,
        ApplyIntakeChangesUseCase,
        FlightOpsUseCase,
        AssignmentExceptionsUseCase,
        AssignmentScheduler,
        // Timed work runs in one replica per tick.
        { provide: TickLock, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new PostgresTickLock(dataSource) },
        {
          provide: AssignmentBatchMonitor,
          inject: [Registry, getDataSourceToken()],
          useFactory: (registry: Registry, dataSource: DataSource) => new TelemetryAssignmentBatchMonitor(registry, dataSource),
        },
      ],
    };
  }
}
