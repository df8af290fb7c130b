/**
 * Test-only harness for the messaging integration tests (not exported from the library).
 * It never mocks Kafka or PostgreSQL: everything here runs against the real broker and database
 * the spec files start (through @cargo/testing) and pass in.
 */
import { Controller, Inject, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import { openServiceDataSource } from '@cargo/persistence';
import { MetricsModule } from '@cargo/service-runtime';
import type { Registry } from 'prom-client';
import { Kafka, logLevel, type EachMessagePayload, type KafkaMessage, type Producer } from 'kafkajs';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { ConsumeOutcome, EventBatchHandler, EventHandlers } from '../consumer/idempotent-consumer.service';
import { headerText } from '../codec/cloud-event.codec';
import { createIdempotentProducer, createKafkaClient } from '../kafka/kafka-client.factory';
import { TopicProvisioner } from '../kafka/topic-provisioner.service';
import { migrationSchema } from '../outbox/create-messaging-tables.migration';
import { runInTransaction } from '../outbox/messaging-transaction';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '../outbox/messaging-schema';
import { OutboxWriter } from '../outbox/outbox.writer';
import { OutboxRelay, type OutboxRelayHooks, type OutboxRelayOptions } from '../relay/outbox.relay';
import type { MessagingLogger } from '../shared/messaging.logger';
import { KafkaEventConsumer } from '../nest/kafka-event.consumer';
import { connectKafkaConsumer } from '../nest/connect-kafka-consumer';
import { kafkaMicroserviceOptions } from '../nest/kafka-microservice.options';
import { MessagingModule } from '../nest/messaging.module';
import type { MessagingModuleOptions } from '../nest/messaging.options';
import { parcel, ParcelForwarded, ParcelNoted, ParcelNotedPayload, TEST_EVENTS } from './parcel-events.fixture';
import { must } from './must';

const VERBOSE = process.env['MESSAGING_TEST_VERBOSE'] === '1';

export const quietLogger: MessagingLogger = VERBOSE
  ? { log: (m) => console.log(m), warn: (m) => console.warn(m), error: (m) => console.error(m) }
  : { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The consuming test service's effects table: one row per applied ParcelNoted. */
export class CreateParcelEffects1764000000001 implements MigrationInterface {
  name = 'CreateParcelEffects1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${migrationSchema(queryRunner)}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}."parcel_effects" (
        "n" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "event_id" text NOT NULL,
        "awb" text NOT NULL,
        "seq" integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}"."parcel_effects"`);
  }
}

/** A service data source with the messaging tables (and the test effects table) migrated. */
export function openTestDataSource(url: string, schema: string, poolSize = 10): Promise<DataSource> {
  return openServiceDataSource({
    url,
    schema,
    entities: [...MESSAGING_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, CreateParcelEffects1764000000001],
    poolSize,
    logging: false,
  });
}

export async function provisionTestTopics(brokers: string[], partitions = 3): Promise<void> {
  const kafka = createKafkaClient({ brokers, clientId: 'provisioner', logLevel: logLevel.NOTHING });
  await new TopicProvisioner(kafka, quietLogger).ensureTopics({
    topics: [ParcelNoted.topic, ParcelForwarded.topic],
    partitions,
    replicationFactor: 1,
  });
}

export function testRelay(
  dataSource: DataSource,
  brokers: string[],
  options: Partial<OutboxRelayOptions> = {},
  hooks?: OutboxRelayHooks,
  /** Sees every producer the relay creates (e.g. to count its produce requests). */
  onProducer?: (producer: Producer) => void,
): OutboxRelay {
  const kafka = createKafkaClient({ brokers, clientId: 'test-relay', logLevel: logLevel.NOTHING });
  return new OutboxRelay({
    dataSource,
    createProducer: () => {
      const producer = createIdempotentProducer(kafka);
      onProducer?.(producer);
      return producer;
    },
    options: { pollIntervalMs: 250, backoff: { initialMs: 50, maxMs: 500 }, stopTimeoutMs: 5_000, ...options },
    hooks,
    logger: quietLogger,
  });
}

/** Commits `count` ParcelNoted events (seq 1..n per key, keys round-robin), `perTransaction` per commit. */
export async function commitParcels(
  dataSource: DataSource,
  options: { keys: string[]; count: number; perTransaction?: number; writer?: OutboxWriter },
): Promise<{ awb: string; seq: number; id: string }[]> {
  const writer = options.writer ?? new OutboxWriter({ source: '/services/test-producer' });
  const perTransaction = options.perTransaction ?? 100;
  const nextSeq = new Map<string, number>();
  const written: { awb: string; seq: number; id: string }[] = [];
  for (let start = 0; start < options.count; start += perTransaction) {
    const end = Math.min(options.count, start + perTransaction);
    await runInTransaction(dataSource, writer, async (tx) => {
      for (let i = start; i < end; i += 1) {
        const awb = must(options.keys[i % options.keys.length]);
        const seq = (nextSeq.get(awb) ?? 0) + 1;
        nextSeq.set(awb, seq);
        const envelope = await tx.publish(ParcelNoted, parcel(awb, seq));
        written.push({ awb, seq, id: envelope.id });
      }
    });
  }
  return written;
}

/** Reads topics from the beginning with a throwaway group and collects every record. */
export class TopicReader {
  readonly records: EachMessagePayload[] = [];
  private readonly kafka: Kafka;
  private consumer: ReturnType<Kafka['consumer']> | undefined;

  constructor(
    private readonly brokers: string[],
    private readonly topics: string[],
  ) {
    this.kafka = new Kafka({ clientId: 'topic-reader', brokers, logLevel: logLevel.NOTHING });
  }

  async start(): Promise<this> {
    this.consumer = this.kafka.consumer({
      groupId: `reader-${Math.random().toString(36).slice(2)}`,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({ eachMessage: async (payload) => void this.records.push(payload) });
    return this;
  }

  ids(topic?: string): string[] {
    return this.records.filter((r) => topic === undefined || r.topic === topic).map((r) => headerText(r.message.headers?.['ce_id']) ?? '');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export function header(message: KafkaMessage, name: string): string | undefined {
  return headerText(message.headers?.[name]);
}

/** What the consuming test service saw, and what it does with ParcelNoted (tests may replace it). */
export class ConsumerProbe {
  readonly outcomes: ConsumeOutcome[] = [];
  readonly failures: unknown[] = [];
  handlers: EventHandlers = {
    [ParcelNoted.type]: async (envelope, tx) => {
      const data = envelope.data as ParcelNotedPayload;
      await tx.manager.query(`INSERT INTO "${this.schema}"."parcel_effects" ("event_id", "awb", "seq") VALUES ($1, $2, $3)`, [
        envelope.id,
        data.awb,
        data.seq,
      ]);
      if (data.note === 'forward') await tx.publish(ParcelForwarded, parcel(data.awb, data.seq));
    },
  };

  /** A set-based handler for whole batches (optional; `handlers` stay the per-record fallback). */
  batch: EventBatchHandler | undefined;

  constructor(private readonly schema: string) {}

  count(status: ConsumeOutcome['status']): number {
    return this.outcomes.filter((o) => o.status === status).length;
  }
}

export const CONSUMER_PROBE = Symbol('CONSUMER_PROBE');

@Controller()
class ParcelEventsController {
  constructor(
    @Inject(KafkaEventConsumer) private readonly events: KafkaEventConsumer,
    @Inject(CONSUMER_PROBE) private readonly probe: ConsumerProbe,
  ) {}

  @EventPattern(ParcelNoted.topic)
  async onIntake(@Payload() _value: unknown, @Ctx() ctx: KafkaContext): Promise<void> {
    try {
      this.probe.outcomes.push(await this.events.consume(ctx, this.probe.handlers, { batch: this.probe.batch }));
    } catch (error) {
      this.probe.failures.push(error);
      throw error;
    }
  }
}

export interface ConsumerAppOptions {
  dataSource: DataSource;
  brokers: string[];
  groupId: string;
  probe: ConsumerProbe;
  /** false simulates a consumer that dies before committing any offset. */
  autoCommit?: boolean;
  relay?: MessagingModuleOptions['relay'];
  consumer?: MessagingModuleOptions['consumer'];
  partitionsConsumedConcurrently?: number;
  /** Records applied per transaction (default: the library's); 0: one transaction per record (NestJS's own ServerKafka). */
  batchMaxRecords?: number;
  /**
   * Start the way services do (`provisionTopics: 'background'` + `connectKafkaConsumer`): `init()`
   * does not need the broker; topics and the transport come up in the background.
   */
  background?: boolean;
  /** The service's Prometheus registry (as `startService` provides it); the metrics stay internal without. */
  metricsRegistry?: Registry;
}

/**
 * A real NestJS hybrid application wired the way README.md tells services to: MessagingModule,
 * `connectMicroservice(kafkaMicroserviceOptions(...))`, `init()` (topics provisioned, relay
 * started), then `startAllMicroservices()` (subscribe). With `background`, `connectKafkaConsumer`
 * and `init()` only (the `KafkaConsumerStarter` does the rest).
 */
export async function startConsumerApp(options: ConsumerAppOptions): Promise<INestApplication> {
  @Module({
    imports: [
      ...(options.metricsRegistry ? [MetricsModule.forRoot(options.metricsRegistry)] : []),
      MessagingModule.forRootAsync({
        useFactory: () => ({
          serviceName: options.groupId,
          dataSource: options.dataSource,
          brokers: options.brokers,
          groupId: options.groupId,
          topics: [ParcelNoted.topic, ParcelForwarded.topic],
          partitions: 3,
          replicationFactor: 1,
          events: TEST_EVENTS,
          provisionTopics: options.background ? 'background' : true,
          relay: { pollIntervalMs: 250, backoff: { initialMs: 50, maxMs: 500 }, ...options.relay },
          consumer: { maxAttempts: 3, backoff: { initialMs: 20, maxMs: 100 }, startBackoff: { initialMs: 100, maxMs: 500 }, ...options.consumer },
          kafkaLogLevel: VERBOSE ? logLevel.WARN : logLevel.NOTHING,
        }),
      }),
    ],
    controllers: [ParcelEventsController],
    providers: [{ provide: CONSUMER_PROBE, useValue: options.probe }],
  })
  class ParcelServiceModule {}

  const app = await NestFactory.create(ParcelServiceModule, { logger: VERBOSE ? ['error', 'warn', 'log'] : false, abortOnError: false });
  const transport = {
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 100,
    logLevel: VERBOSE ? logLevel.WARN : logLevel.NOTHING,
    ...(options.batchMaxRecords !== undefined ? { batchMaxRecords: options.batchMaxRecords } : {}),
  };
  if (options.background) {
    connectKafkaConsumer(app, transport);
    await app.init();
    return app;
  }
  const microservice = kafkaMicroserviceOptions({ brokers: options.brokers, clientId: options.groupId, groupId: options.groupId, ...transport });
  if (options.autoCommit === false) must(microservice.options).run = { ...must(microservice.options).run, autoCommit: false };
  app.connectMicroservice(microservice, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

export async function effectRows(dataSource: DataSource, schema: string): Promise<{ event_id: string; awb: string; seq: number }[]> {
  return (await dataSource.query(`SELECT "event_id", "awb", "seq" FROM "${schema}"."parcel_effects" ORDER BY "n"`)) as {
    event_id: string;
    awb: string;
    seq: number;
  }[];
}
