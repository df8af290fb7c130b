import { Kafka, logLevel as KafkaLogLevel, Partitioners, type LogEntry, type Producer, type RetryOptions } from 'kafkajs';
import type { MessagingLogger } from '../shared/messaging.logger';
import type { KafkaSecurity } from './kafka-security.config';

export interface KafkaConnectionConfig {
  /** `host:port` list (`KAFKA_BROKERS`). */
  brokers: string[];
  clientId: string;
  /** kafkajs log level; WARN by default. */
  logLevel?: KafkaLogLevel;
  /** Where kafkajs logs go; kafkajs's console logger by default. */
  logger?: MessagingLogger;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * kafkajs's own retrying (connections, metadata). Short by default: the relay and the consumer
   * do their own backed-off retrying, and kafkajs's nested retries (producer × connection) would
   * otherwise keep one attempt busy for minutes while a broker is down.
   */
  retry?: RetryOptions;
  /** TLS and SASL for Apache Kafka (see {@link KafkaSecurity}); none for the embedded broker. */
  security?: KafkaSecurity;
}

export const DEFAULT_CLIENT_RETRY: RetryOptions = { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 };

/** A kafkajs client for the library's own producers and admin (the Nest transport builds its own). */
export function createKafkaClient(config: KafkaConnectionConfig): Kafka {
  const logger = config.logger;
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: config.logLevel ?? KafkaLogLevel.WARN,
    connectionTimeout: config.connectionTimeoutMs ?? 3_000,
    requestTimeout: config.requestTimeoutMs ?? 30_000,
    retry: config.retry ?? DEFAULT_CLIENT_RETRY,
    ...(config.security?.ssl ? { ssl: config.security.ssl } : {}),
    ...(config.security?.sasl ? { sasl: config.security.sasl } : {}),
    ...(logger ? { logCreator: () => (entry: LogEntry) => logKafkaEntry(logger, entry) } : {}),
  });
}

/**
 * kafkajs warns on every idempotent producer with bounded retries; that bound is deliberate (see
 * {@link createIdempotentProducer}) and the relay recreates producers while a broker is down, so
 * the warning would repeat on every attempt.
 */
const SUPPRESSED = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

function logKafkaEntry(logger: MessagingLogger, entry: LogEntry): void {
  if (entry.log.message === SUPPRESSED) return;
  const text = `${entry.namespace}: ${entry.log.message}`;
  switch (entry.level) {
    case KafkaLogLevel.ERROR:
      logger.error(text);
      break;
    case KafkaLogLevel.WARN:
      logger.warn(text);
      break;
    case KafkaLogLevel.INFO:
      logger.log(text);
      break;
    default:
      logger.debug?.(text);
  }
}

/**
 * The producer the relay and the dead-letter publisher use: idempotent (the broker drops a
 * retried duplicate of a batch), one request in flight (so retries cannot reorder), acks=all, and
 * no topic auto-creation (topics are provisioned explicitly, as on a real cluster).
 *
 * Retries are bounded (kafkajs warns that this "may invalidate EoS guarantees"): the relay does its
 * own unbounded, backed-off retrying, holding no transaction open meanwhile, and recreates the
 * producer after a failure; consumers de-duplicate by event id, so a re-send is harmless.
 */
/**
 * Creates a producer and connects it. A producer whose connect failed is disconnected (kafkajs may
 * hold sockets and timers of a half-open connection) before the error is rethrown.
 */
export async function connectProducer(create: () => Producer): Promise<Producer> {
  const producer = create();
  try {
    await producer.connect();
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
  return producer;
}

export function createIdempotentProducer(kafka: Kafka, retry: RetryOptions = { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 }): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // murmur2, as the Java client: same key → same partition whoever produces it.
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    retry,
  });
}
