import { plainToInstance } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';
import { kafkaSecurityOf, type KafkaSecurity, type KafkaSecurityConfig } from '../kafka/kafka-security.config';
import type { MessagingRetentionOptions } from '../retention/messaging-retention.purger';

/** Kafka settings every service reads from its environment. */
export interface KafkaEnvironmentSettings {
  brokers: string[];
  security?: KafkaSecurity;
  partitions: number;
  replicationFactor: number;
  /** Partitions one replica consumes at once (`KAFKA_CONSUMER_CONCURRENCY`). */
  consumerConcurrency?: number;
  /** Consumer group session timeout (`KAFKA_SESSION_TIMEOUT_MS`): how soon a dead replica's partitions move. */
  sessionTimeoutMs?: number;
  /** Records of a fetched batch applied in one transaction (`KAFKA_CONSUMER_BATCH_MAX_RECORDS`; 0: one per record). */
  consumerBatchMaxRecords?: number;
  /** Purge of published outbox rows and processed-event ids (`MESSAGING_RETENTION_HOURS`, …). */
  retention?: Partial<MessagingRetentionOptions>;
}

/**
 * The messaging part of a service's environment, validated at boot. Defaults suit the embedded
 * single-node broker; a real cluster sets all three.
 */
export class MessagingEnvironment {
  /** Comma-separated `host:port` list. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Matches(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @IsInt({ message: 'KAFKA_TOPIC_PARTITIONS must be an integer' })
  @Min(1)
  @Max(1_000)
  KAFKA_TOPIC_PARTITIONS?: number;

  @IsOptional()
  @IsInt({ message: 'KAFKA_REPLICATION_FACTOR must be an integer' })
  @Min(1)
  @Max(10)
  KAFKA_REPLICATION_FACTOR?: number;
}

/** The Kafka variables of a service's validated config (`BaseServiceConfig` of `@cargo/service-runtime`). */
export interface KafkaServiceConfig extends KafkaSecurityConfig {
  KAFKA_BROKERS: string;
  KAFKA_TOPIC_PARTITIONS: number;
  KAFKA_REPLICATION_FACTOR: number;
  KAFKA_CONSUMER_CONCURRENCY?: number;
  KAFKA_SESSION_TIMEOUT_MS?: number;
  KAFKA_CONSUMER_BATCH_MAX_RECORDS?: number;
  /** 0 keeps the rows forever. */
  MESSAGING_RETENTION_HOURS?: number;
  MESSAGING_PURGE_INTERVAL_SECONDS?: number;
  MESSAGING_PURGE_BATCH_SIZE?: number;
}

/** `brokers`, `partitions` and `replicationFactor` for `MessagingModule` from a service's validated config. */
export function kafkaSettingsOf(config: KafkaServiceConfig): KafkaEnvironmentSettings {
  const retention: Partial<MessagingRetentionOptions> = {
    ...(config.MESSAGING_RETENTION_HOURS !== undefined ? { retainMs: config.MESSAGING_RETENTION_HOURS === 0 ? null : config.MESSAGING_RETENTION_HOURS * 3_600_000 } : {}),
    ...(config.MESSAGING_PURGE_INTERVAL_SECONDS !== undefined ? { intervalMs: config.MESSAGING_PURGE_INTERVAL_SECONDS * 1000 } : {}),
    ...(config.MESSAGING_PURGE_BATCH_SIZE !== undefined ? { batchSize: config.MESSAGING_PURGE_BATCH_SIZE } : {}),
  };
  return {
    brokers: config.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    security: kafkaSecurityOf(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    ...(config.KAFKA_CONSUMER_CONCURRENCY !== undefined ? { consumerConcurrency: config.KAFKA_CONSUMER_CONCURRENCY } : {}),
    ...(config.KAFKA_SESSION_TIMEOUT_MS !== undefined ? { sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS } : {}),
    ...(config.KAFKA_CONSUMER_BATCH_MAX_RECORDS !== undefined ? { consumerBatchMaxRecords: config.KAFKA_CONSUMER_BATCH_MAX_RECORDS } : {}),
    ...(Object.keys(retention).length > 0 ? { retention } : {}),
  };
}

export const DEFAULT_KAFKA_SETTINGS: KafkaEnvironmentSettings = {
  brokers: ['localhost:9092'],
  partitions: 3,
  replicationFactor: 1,
};

/**
 * Reads and validates `KAFKA_BROKERS`, `KAFKA_TOPIC_PARTITIONS`, `KAFKA_REPLICATION_FACTOR`.
 * Throws `MESSAGING.INVALID_CONFIG` naming every bad variable.
 */
export function kafkaSettingsFromEnv(env: Record<string, string | undefined> = process.env): KafkaEnvironmentSettings {
  const raw = {
    KAFKA_BROKERS: blankToUndefined(env['KAFKA_BROKERS']),
    KAFKA_TOPIC_PARTITIONS: toNumber(env['KAFKA_TOPIC_PARTITIONS']),
    KAFKA_REPLICATION_FACTOR: toNumber(env['KAFKA_REPLICATION_FACTOR']),
  };
  const parsed = plainToInstance(MessagingEnvironment, raw);
  const errors = validateSync(parsed, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const text = errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ');
    throw new MessagingError(MessagingErrorCodes.InvalidConfig, `Invalid messaging environment: ${text}`);
  }
  return {
    brokers: parsed.KAFKA_BROKERS ? parsed.KAFKA_BROKERS.split(',').map((b) => b.trim()) : DEFAULT_KAFKA_SETTINGS.brokers,
    partitions: parsed.KAFKA_TOPIC_PARTITIONS ?? DEFAULT_KAFKA_SETTINGS.partitions,
    replicationFactor: parsed.KAFKA_REPLICATION_FACTOR ?? DEFAULT_KAFKA_SETTINGS.replicationFactor,
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function toNumber(value: string | undefined): number | string | undefined {
  const text = blankToUndefined(value);
  if (text === undefined) return undefined;
  return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
}
