import type { KafkaSecurity } from '../kafka/kafka-security.config';
import { ALL_EVENT_DEFINITIONS, type EventDefinition } from '@cargo/contracts';
import type { logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';
import type { OutboxRelayHooks, OutboxRelayOptions } from '../relay/outbox.relay';
import { DEFAULT_OUTBOX_RELAY_OPTIONS } from '../relay/outbox.relay';
import { DEFAULT_MESSAGING_RETENTION, type MessagingRetentionOptions } from '../retention/messaging-retention.purger';
import { DEFAULT_CONSUMER_RETRY, type IdempotentConsumerOptions } from '../consumer/idempotent-consumer.service';
import type { BackoffPolicy } from '../shared/backoff';
import { DEFAULT_CONSUMER_BATCH_MAX_RECORDS } from './batch-server-kafka';
import { DEFAULT_CONSUMER_START_BACKOFF } from './kafka-consumer.starter';

/** Injection token of the resolved {@link MessagingOptions}. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** Injection token of the library's kafkajs client (relay, dead letters, admin). */
export const MESSAGING_KAFKA_CLIENT = Symbol('MESSAGING_KAFKA_CLIENT');

/** What a service configures (usually from `kafkaSettingsFromEnv()` and its own constants). */
export interface MessagingModuleOptions {
  /** Service name, e.g. `customs-hold`: default client id, group id and consumer name. */
  serviceName: string;
  /** CloudEvents `source` of the events it writes; `/services/<serviceName>` by default. */
  source?: string;
  /** The service's TypeORM data source (its own schema; migrations include CreateMessagingTables). */
  dataSource: DataSource;
  /** `KAFKA_BROKERS`. */
  brokers: string[];
  /** TLS and SASL (`KAFKA_SSL*`, `KAFKA_SASL_*`). */
  security?: KafkaSecurity;
  clientId?: string;
  /** Consumer group (NestJS appends `-server`); the service name by default. One per service. */
  groupId?: string;
  /** Topics the service produces or consumes: created at start-up with their `.dlq` topics. */
  topics: readonly string[];
  /** `KAFKA_TOPIC_PARTITIONS` (default 3). */
  partitions?: number;
  /** `KAFKA_REPLICATION_FACTOR` (default 1). */
  replicationFactor?: number;
  /** Partitions one replica consumes at once (`KAFKA_CONSUMER_CONCURRENCY`, default 3); a partition's records stay in order. */
  consumerConcurrency?: number;
  /** Consumer group session timeout (`KAFKA_SESSION_TIMEOUT_MS`, default 30 s): a dead replica's partitions move after it. */
  sessionTimeoutMs?: number;
  /** Records of a fetched batch applied in one transaction (`KAFKA_CONSUMER_BATCH_MAX_RECORDS`, default 500; 0: one transaction per record). */
  consumerBatchMaxRecords?: number;
  /**
   * Purge of published outbox rows and processed-event ids older than `retainMs` (default 7 days;
   * `null` keeps them), in batches, every `intervalMs`. See {@link MessagingRetentionPurger}.
   */
  retention?: Partial<MessagingRetentionOptions>;
  /**
   * Create the topics (with their `.dlq`): `true` (default) in `onModuleInit`, failing the boot when
   * no broker answers; `'background'` by the `KafkaConsumerStarter` after boot, retrying while
   * the broker is down (the service comes up on HTTP + database alone); `false` not at all.
   */
  provisionTopics?: boolean | 'background';
  /** Event definitions consumers accept; the whole contracts catalog by default. */
  events?: readonly EventDefinition[];
  relay?: Partial<OutboxRelayOptions> & {
    /** Run the relay in this process (default true). */
    enabled?: boolean;
    /** Test-only fault injection. */
    hooks?: OutboxRelayHooks;
  };
  consumer?: {
    /** `processed_events.consumer`; the group id by default. */
    name?: string;
    maxAttempts?: number;
    backoff?: BackoffPolicy;
    /** How long shutdown waits for in-flight handlers (default 30 s). */
    drainTimeoutMs?: number;
    /** Retry of the background start (topics, then the Kafka transport) while the broker is down; 1 s doubling to 30 s. */
    startBackoff?: BackoffPolicy;
  };
  kafkaLogLevel?: logLevel;
}

/** {@link MessagingModuleOptions} with every default filled in. */
export interface MessagingOptions {
  serviceName: string;
  source: string;
  dataSource: DataSource;
  schema: string;
  brokers: string[];
  security: KafkaSecurity;
  clientId: string;
  groupId: string;
  topics: readonly string[];
  partitions: number;
  replicationFactor: number;
  retention: MessagingRetentionOptions;
  provisionTopics: boolean | 'background';
  events: readonly EventDefinition[];
  relay: OutboxRelayOptions & { enabled: boolean; hooks?: OutboxRelayHooks };
  consumer: IdempotentConsumerOptions & { drainTimeoutMs: number; startBackoff: BackoffPolicy; concurrency: number; sessionTimeoutMs: number; batchMaxRecords: number };
  kafkaLogLevel?: logLevel;
}

export function resolveMessagingOptions(options: MessagingModuleOptions): MessagingOptions {
  const schema = (options.dataSource.options as { schema?: string }).schema;
  const problems: string[] = [];
  if (!options.serviceName) problems.push('serviceName is required');
  if (!schema) problems.push('the data source has no schema (every service owns one)');
  if (!options.brokers || options.brokers.length === 0) problems.push('brokers is empty');
  if (options.partitions !== undefined && !(Number.isInteger(options.partitions) && options.partitions >= 1)) problems.push('partitions must be >= 1');
  if (options.replicationFactor !== undefined && !(Number.isInteger(options.replicationFactor) && options.replicationFactor >= 1)) {
    problems.push('replicationFactor must be >= 1');
  }
  if (options.consumerConcurrency !== undefined && !(Number.isInteger(options.consumerConcurrency) && options.consumerConcurrency >= 1)) {
    problems.push('consumerConcurrency must be >= 1');
  }
  if (options.consumerBatchMaxRecords !== undefined && !(Number.isInteger(options.consumerBatchMaxRecords) && options.consumerBatchMaxRecords >= 0)) {
    problems.push('consumerBatchMaxRecords must be >= 0');
  }
  if (problems.length > 0) throw new MessagingError(MessagingErrorCodes.InvalidConfig, `MessagingModule: ${problems.join('; ')}`);
  const groupId = options.groupId ?? options.serviceName;
  const { enabled, hooks, ...relay } = options.relay ?? {};
  return {
    serviceName: options.serviceName,
    source: options.source ?? `/services/${options.serviceName}`,
    dataSource: options.dataSource,
    schema: schema as string,
    brokers: options.brokers,
    security: options.security ?? {},
    clientId: options.clientId ?? options.serviceName,
    groupId,
    topics: options.topics,
    partitions: options.partitions ?? 3,
    replicationFactor: options.replicationFactor ?? 1,
    retention: { ...DEFAULT_MESSAGING_RETENTION, ...options.retention },
    provisionTopics: options.provisionTopics ?? true,
    events: options.events ?? ALL_EVENT_DEFINITIONS,
    // The retention purger deletes published rows (batched, for every replica): the relay's own purge stays off.
    relay: { ...DEFAULT_OUTBOX_RELAY_OPTIONS, retainPublishedMs: null, ...relay, enabled: enabled ?? true, hooks },
    consumer: {
      consumerName: options.consumer?.name ?? groupId,
      maxAttempts: options.consumer?.maxAttempts ?? DEFAULT_CONSUMER_RETRY.maxAttempts,
      backoff: options.consumer?.backoff ?? DEFAULT_CONSUMER_RETRY.backoff,
      drainTimeoutMs: options.consumer?.drainTimeoutMs ?? 30_000,
      startBackoff: options.consumer?.startBackoff ?? DEFAULT_CONSUMER_START_BACKOFF,
      concurrency: options.consumerConcurrency ?? 3,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
      batchMaxRecords: options.consumerBatchMaxRecords ?? DEFAULT_CONSUMER_BATCH_MAX_RECORDS,
    },
    kafkaLogLevel: options.kafkaLogLevel,
  };
}
