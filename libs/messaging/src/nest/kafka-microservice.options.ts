import { Transport, type CustomStrategy, type KafkaOptions } from '@nestjs/microservices';
import { logLevel as KafkaLogLevel } from 'kafkajs';
import type { KafkaSecurity } from '../kafka/kafka-security.config';
import { BatchServerKafka, DEFAULT_CONSUMER_BATCH_MAX_RECORDS } from './batch-server-kafka';

export interface KafkaMicroserviceConfig {
  brokers: string[];
  /** Client id (Nest appends `-server`). */
  clientId: string;
  /** The service's consumer group (Nest appends `-server`). One group per service. */
  groupId: string;
  /** Partitions processed in parallel (records of one partition are always sequential). Default 3. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  /**
   * Fetch long-poll wait. Shutdown waits for the fetch in flight, so this bounds how long
   * `app.close()` takes when idle. Default 1000 ms (kafkajs: 5000).
   */
  maxWaitTimeMs?: number;
  heartbeatIntervalMs?: number;
  /** Start a new group at the beginning of each topic (default true: nothing produced before the first join is skipped). */
  fromBeginning?: boolean;
  logLevel?: KafkaLogLevel;
  /** TLS and SASL for Apache Kafka. */
  security?: KafkaSecurity;
  /**
   * Records of a fetched batch applied in one transaction (`KAFKA_CONSUMER_BATCH_MAX_RECORDS`,
   * default 500; see {@link BatchServerKafka}). 0: NestJS's own `ServerKafka` (`eachMessage`), one
   * transaction per record.
   */
  batchMaxRecords?: number;
}

/** The Kafka transport's options, and (unless batching is off) the {@link BatchServerKafka} built on them. */
export type KafkaMicroserviceOptions = KafkaOptions & { transport: Transport.KAFKA } & Partial<Pick<CustomStrategy, 'strategy'>>;

/**
 * `MicroserviceOptions` for `app.connectMicroservice(...)`: NestJS's Kafka transport set up the way
 * `KafkaEventConsumer` relies on.
 *
 * - `parser.keepBinary`: the record value reaches the handler as the raw bytes, so the codec sees
 *   exactly what was produced (a malformed value is dead-lettered byte for byte).
 * - `allowAutoTopicCreation: false`: topics come from `TopicProvisioner`, as on a real cluster.
 * - `fromBeginning: true`: a new group does not skip records produced before its first join.
 * - `strategy`: a {@link BatchServerKafka} on these same options (kafkajs `eachBatch`, the records
 *   of a fetched batch applied in one transaction, chunks of `batchMaxRecords`); Nest uses the
 *   strategy when present. It resolves a record's offset only after its transaction committed (or
 *   its dead letter was acknowledged), then `commitOffsetsIfNecessary`. With `batchMaxRecords: 0`
 *   there is no strategy: NestJS's `ServerKafka` awaits the handler inside kafkajs's `eachMessage`,
 *   and kafkajs resolves the offset only after it resolved. Either way a thrown error leaves the
 *   record uncommitted and kafkajs re-fetches it.
 * - `autoCommit` stays on (kafkajs commits resolved offsets only).
 *
 * Returns fresh objects on every call: ServerKafka mutates its options (it appends `-server` to
 * the group id in place), so never share one options object between two servers.
 */
export function kafkaMicroserviceOptions(config: KafkaMicroserviceConfig): KafkaMicroserviceOptions {
  const batchMaxRecords = config.batchMaxRecords ?? DEFAULT_CONSUMER_BATCH_MAX_RECORDS;
  const options: Required<KafkaOptions>['options'] = {
    client: {
      clientId: config.clientId,
      brokers: [...config.brokers],
      logLevel: config.logLevel ?? KafkaLogLevel.WARN,
      connectionTimeout: 3_000,
      ...(config.security?.ssl ? { ssl: config.security.ssl } : {}),
      ...(config.security?.sasl ? { sasl: config.security.sasl } : {}),
    },
    consumer: {
      groupId: config.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: config.sessionTimeoutMs ?? 30_000,
      // A third of the session timeout at most, as Kafka advises.
      heartbeatInterval: config.heartbeatIntervalMs ?? Math.min(3_000, Math.floor((config.sessionTimeoutMs ?? 30_000) / 3)),
      maxWaitTimeInMs: config.maxWaitTimeMs ?? 1_000,
    },
    subscribe: { fromBeginning: config.fromBeginning ?? true },
    run: {
      autoCommit: true,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently ?? 3,
    },
    producer: { allowAutoTopicCreation: false },
    parser: { keepBinary: true },
  };
  return {
    transport: Transport.KAFKA,
    options,
    ...(batchMaxRecords > 0 ? { strategy: new BatchServerKafka(options, batchMaxRecords) } : {}),
  };
}
