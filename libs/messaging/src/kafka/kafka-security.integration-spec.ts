import { startTestBroker, type TestBroker } from '@cargo/testing';
import { logLevel } from 'kafkajs';
import { kafkaSettingsOf } from '../config/messaging.config';
import { createKafkaClient } from './kafka-client.factory';
import { TopicProvisioner } from './topic-provisioner.service';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The services' Kafka credential settings (KAFKA_SASL_*), taken the way a service takes them
 * (`kafkaSettingsOf` of its config), against a broker that checks them: the right user and
 * password work for every mechanism, a wrong password or no credential is refused.
 */
describe('Kafka credentials against a broker that requires SASL', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker({ sasl: { users: { 'customs-hold': 'right-password' } } });
  });
  afterAll(async () => {
    await broker?.dispose();
  });

  const config = (overrides: Record<string, string | undefined>) => ({ KAFKA_BROKERS: broker.bootstrap, KAFKA_TOPIC_PARTITIONS: 1, KAFKA_REPLICATION_FACTOR: 1, ...overrides });
  const clientOf = (overrides: Record<string, string | undefined>) => {
    const settings = kafkaSettingsOf(config(overrides));
    return createKafkaClient({ brokers: settings.brokers, security: settings.security, clientId: 'sasl-test', logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  };

  it.each(['scram-sha-512', 'scram-sha-256', 'plain'])('produces and reads with %s and the right password', async (mechanism) => {
    const kafka = clientOf({ KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: 'customs-hold', KAFKA_SASL_PASSWORD: 'right-password' });
    const topic = `customs.hold.sasl-${mechanism}`;
    await new TopicProvisioner(kafka, quiet).ensureTopics({ topics: [topic], partitions: 1, replicationFactor: 1 });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: '784-12345675', value: 'held' }] });
    } finally {
      await producer.disconnect();
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect((await admin.fetchTopicOffsets(topic))[0]?.high).toBe('1');
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses a wrong password and a client without credentials', async () => {
    const wrong = clientOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'customs-hold', KAFKA_SASL_PASSWORD: 'guess' }).admin();
    await expect(wrong.connect()).rejects.toThrow();
    await wrong.disconnect();
    const anonymous = clientOf({}).admin();
    await expect(anonymous.connect().then(() => anonymous.listTopics())).rejects.toThrow();
    await anonymous.disconnect();
  });
});
