import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@cargo/contracts';
import { kafkaSettingsOf, MessagingModule } from '@cargo/messaging';
import { HealthModule, ServiceDatabaseModule } from '@cargo/service-runtime';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CaseQueries, CustomsTransactionRunner, ReferenceDataPort } from './application/customs.ports';
import { ApplyIntakeChangesUseCase } from './application/apply-intake-changes.use-case';
import { OfficerActionsUseCase } from './application/officer-actions.use-case';
import { RecordDepartureUseCase } from './application/record-departure.use-case';
import { CUSTOMS_RULES_CONFIG, RegisterIntakeUseCase } from './application/register-intake.use-case';
import { CustomsHoldConfig, rulesConfigOf } from './config/customs-hold.config';
import { CustomsHoldOrm } from './infrastructure/customs-hold.orm-config';
import { OutboxCustomsTransactionRunner } from './infrastructure/outbox-customs-transaction.runner';
import { SeedsReferenceDataAdapter } from './infrastructure/seeds-reference-data.adapter';
import { TypeOrmCaseQueries } from './infrastructure/typeorm-case.queries';
import { CargoEventsKafkaConsumer } from './interface/kafka/cargo-events.kafka-consumer';
import { FlightEventsKafkaConsumer } from './interface/kafka/flight-events.kafka-consumer';
import { RecordTransportUseCase } from './application/record-transport.use-case';
import { OfficerCasesController } from './interface/http/officer-cases.controller';

export const CUSTOMS_HOLD_SERVICE_NAME = 'customs-hold';

/**
 * Topics customs-hold consumes (intake, handling scans; assignments and manifests for the transport
 * reference of its decisions) and produces (holds, releases).
 */
export const CUSTOMS_HOLD_TOPICS = [Topics.CargoIntake, Topics.CargoHandling, Topics.FlightAssignment, Topics.FlightManifest, Topics.CustomsHold, Topics.CustomsRelease] as const;

@Module({})
export class AppModule {
  static forRoot(config: CustomsHoldConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceDatabaseModule.forRoot({ url: databaseUrl, ...CustomsHoldOrm }),
        HealthModule,
        MessagingModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            serviceName: CUSTOMS_HOLD_SERVICE_NAME,
            dataSource,
            ...kafkaSettingsOf(config),
            topics: CUSTOMS_HOLD_TOPICS,
            // After boot, retrying while the broker is down: the officer API comes up without Kafka.
            provisionTopics: 'background',
            kafkaLogLevel: logLevel.WARN,
          }),
        }),
      ],
      controllers: [OfficerCasesController, CargoEventsKafkaConsumer, FlightEventsKafkaConsumer],
      providers: [
        { provide: ReferenceDataPort, useClass: SeedsReferenceDataAdapter },
        { provide: CUSTOMS_RULES_CONFIG, useValue: rulesConfigOf(config) },
        { provide: CustomsTransactionRunner, useClass: OutboxCustomsTransactionRunner },
        { provide: CaseQueries, useClass: TypeOrmCaseQueries },
        RecordTransportUseCase,
        RegisterIntakeUseCase,
        RecordDepartureUseCase,
        ApplyIntakeChangesUseCase,
        OfficerActionsUseCase,
      ],
    };
  }
}
