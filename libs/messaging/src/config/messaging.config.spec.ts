import { MessagingError } from '../errors/messaging.error';
import { kafkaSettingsFromEnv, kafkaSettingsOf } from './messaging.config';

describe('kafkaSettingsFromEnv', () => {
  it('reads brokers, partitions and replication factor', () => {
    expect(
      kafkaSettingsFromEnv({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092', KAFKA_TOPIC_PARTITIONS: '12', KAFKA_REPLICATION_FACTOR: '3' }),
    ).toEqual({ brokers: ['kafka-1:9092', 'kafka-2:9092'], partitions: 12, replicationFactor: 3 });
  });

  it('defaults to the embedded single-node broker', () => {
    expect(kafkaSettingsFromEnv({})).toEqual({ brokers: ['localhost:9092'], partitions: 3, replicationFactor: 1 });
  });

  it('rejects bad values, naming each variable', () => {
    let caught: unknown;
    try {
      kafkaSettingsFromEnv({ KAFKA_BROKERS: 'kafka-1', KAFKA_TOPIC_PARTITIONS: 'many', KAFKA_REPLICATION_FACTOR: '0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MessagingError);
    const error = caught as MessagingError;
    expect(error.code).toBe('MESSAGING.INVALID_CONFIG');
    expect(error.message).toMatch(/KAFKA_BROKERS must be a comma-separated list of host:port/);
    expect(error.message).toMatch(/KAFKA_TOPIC_PARTITIONS must be an integer/);
    expect(error.message).toMatch(/KAFKA_REPLICATION_FACTOR must not be less than 1/);
  });
});

describe('kafkaSettingsOf', () => {
  it('maps a service config (brokers trimmed) to the module settings', () => {
    expect(kafkaSettingsOf({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092', KAFKA_TOPIC_PARTITIONS: 12, KAFKA_REPLICATION_FACTOR: 3 })).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      partitions: 12,
      replicationFactor: 3,
      security: {},
    });
  });

  it('passes consumer concurrency and the retention purge on (hours to ms; 0 keeps everything)', () => {
    const base = { KAFKA_BROKERS: 'k:9092', KAFKA_TOPIC_PARTITIONS: 12, KAFKA_REPLICATION_FACTOR: 3 };
    expect(kafkaSettingsOf({ ...base, KAFKA_CONSUMER_CONCURRENCY: 6, MESSAGING_RETENTION_HOURS: 48, MESSAGING_PURGE_INTERVAL_SECONDS: 60, MESSAGING_PURGE_BATCH_SIZE: 1000 })).toMatchObject({
      consumerConcurrency: 6,
      retention: { retainMs: 48 * 3_600_000, intervalMs: 60_000, batchSize: 1000 },
    });
    expect(kafkaSettingsOf({ ...base, MESSAGING_RETENTION_HOURS: 0 }).retention).toEqual({ retainMs: null });
  });
});
