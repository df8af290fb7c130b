import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ApiKeyAuthenticator, HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { Topics } from '@cargo/contracts';
import { kafkaSettingsOf, MessagingModule } from '@cargo/messaging';
import { DataSource } from 'typeorm';
import { ApplyFlightAssignmentUseCase } from './application/apply-flight-assignment.use-case';
import { ChangeIntakeUseCase } from './application/change-intake.use-case';
import { GetDispatchListUseCase } from './application/get-dispatch-list.use-case';
import { ManageApiKeysUseCase } from './application/manage-api-keys.use-case';
import { QueryIntakesUseCase } from './application/query-intakes.use-case';
import { RecordScanUseCase } from './application/record-scan.use-case';
import { RegisterIntakeBatchUseCase } from './application/register-intake-batch.use-case';
import { RegisterIntakeUseCase } from './application/register-intake.use-case';
import { ApiKeyStore, IntakeQueries, StationIntakeTransactionRunner } from './application/station-intake.ports';
import { StationIntakeConfig } from './config/station-intake.config';
import { OutboxStationIntakeTransactionRunner } from './infrastructure/outbox-station-intake-transaction.runner';
import { StationIntakeOrm } from './infrastructure/station-intake.orm-config';
import { TypeOrmApiKeyStore } from './infrastructure/typeorm-api-key.store';
import { TypeOrmIntakeQueries } from './infrastructure/typeorm-intake.queries';
import { AdminApiKeysController } from './interface/http/admin-api-keys.controller';
import { StationApiKeyAuthenticator } from './interface/http/station-api-key.authenticator';
import { StationIntakesController } from './interface/http/station-intakes.controller';
import { StationOperationsController } from './interface/http/station-operations.controller';
import { FlightAssignmentKafkaConsumer } from './interface/kafka/flight-assignment.kafka-consumer';

export const STATION_INTAKE_SERVICE_NAME = 'station-intake';

/** Topics this service writes (through the outbox) or reads. */
const STATION_INTAKE_TOPICS = [Topics.CargoIntake, Topics.CargoHandling, Topics.FlightAssignment] as const;

@Module({})
export class AppModule {
  static forRoot(config: StationIntakeConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({ url: databaseUrl, ...StationIntakeOrm }),
        HealthModule,
        MessagingModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            serviceName: STATION_INTAKE_SERVICE_NAME,
            dataSource,
            ...kafkaSettingsOf(config),
            topics: STATION_INTAKE_TOPICS,
            // After boot, retrying while the broker is down: station terminals can post intakes while
            // Kafka is down (the outbox keeps the events), and flight.assignment.v1 consumption joins when it can.
            provisionTopics: 'background',
          }),
        }),
        MulterModule.register({ limits: { fileSize: config.BODY_LIMIT_KB * 1024, files: 1, fields: 10 } }),
      ],
      controllers: [StationIntakesController, StationOperationsController, AdminApiKeysController, FlightAssignmentKafkaConsumer],
      providers: [
        { provide: StationIntakeConfig, useValue: config },
        { provide: StationIntakeTransactionRunner, useClass: OutboxStationIntakeTransactionRunner },
        { provide: IntakeQueries, useClass: TypeOrmIntakeQueries },
        { provide: ApiKeyStore, useClass: TypeOrmApiKeyStore },
        RegisterIntakeUseCase,
        RegisterIntakeBatchUseCase,
        RecordScanUseCase,
        QueryIntakesUseCase,
        GetDispatchListUseCase,
        ManageApiKeysUseCase,
        ApplyFlightAssignmentUseCase,
        ChangeIntakeUseCase,
        { provide: ApiKeyAuthenticator, useClass: StationApiKeyAuthenticator },
      ],
    };
  }
}
