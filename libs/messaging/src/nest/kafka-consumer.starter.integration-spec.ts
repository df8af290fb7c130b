import { deadLetterTopic } from '@cargo/contracts';
import { READINESS_CHECKS, type ReadinessCheck } from '@cargo/service-runtime';
import { createTestDatabase, freePort, startTestBroker, waitFor, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { INestApplication } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { createKafkaClient } from '../kafka/kafka-client.factory';
import { ParcelForwarded, ParcelNoted, testAwb } from '../testing/parcel-events.fixture';
import { commitParcels, ConsumerProbe, effectRows, openTestDataSource, startConsumerApp } from '../testing/messaging-test.harness';
import { must } from '../testing/must';
import { KafkaConsumerStarter } from './kafka-consumer.starter';

const SCHEMA = 'starter_svc';

/** What `/health/ready` would show under `kafka`. */
async function kafkaReadiness(app: INestApplication): Promise<Record<string, unknown>> {
  const [check] = app.get<ReadinessCheck[]>(READINESS_CHECKS);
  return must((await must(check)())['kafka']);
}

describe('KafkaConsumerStarter: a service comes up without the broker and consumes once it is there (real broker, real PostgreSQL)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let dataSource: DataSource;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    [broker, db] = await Promise.all([startTestBroker({ durable: true }), createTestDatabase('starter')]);
    dataSource = await openTestDataSource(db.url, SCHEMA);
  });

  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    await dataSource?.destroy();
    await db?.drop();
    await broker?.dispose();
  });

  it('boots while the broker is down, then provisions the topics and consumes when it comes up', async () => {
    await broker.stop();
    const probe = new ConsumerProbe(SCHEMA);
    const app = await startConsumerApp({ dataSource, brokers: [broker.bootstrap], groupId: 'starter-svc', probe, background: true });
    apps.push(app);
    const starter = app.get(KafkaConsumerStarter);

    // Up without Kafka: init() returned, the start-up keeps retrying, readiness stays up and says why.
    await waitFor(() => starter.startState.attempts >= 2, { timeoutMs: 20_000, description: 'the starter to retry against the stopped broker' });
    expect(starter.isConsuming).toBe(false);
    expect(await kafkaReadiness(app)).toMatchObject({ status: 'up', consuming: false, topicsProvisioned: false, lastError: expect.any(String) });
    // A write meanwhile waits in the outbox.
    const [written] = await commitParcels(dataSource, { keys: [testAwb(1)], count: 1 });

    await broker.restart();
    await waitFor(() => starter.isConsuming, { timeoutMs: 60_000, description: 'consumption to start after the broker came back' });
    expect(await kafkaReadiness(app)).toMatchObject({ status: 'up', consuming: true, topicsProvisioned: true });

    const admin = createKafkaClient({ brokers: [broker.bootstrap], clientId: 'starter-check', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      for (const topic of [ParcelNoted.topic, ParcelForwarded.topic]) expect(topics).toEqual(expect.arrayContaining([topic, deadLetterTopic(topic)]));
    } finally {
      await admin.disconnect();
    }

    // The event written during the outage goes out through the relay and is consumed.
    await waitFor(async () => (await effectRows(dataSource, SCHEMA)).length === 1, { timeoutMs: 60_000, description: 'the outage event consumed' });
    expect((await effectRows(dataSource, SCHEMA)).map((row) => row.event_id)).toEqual([must(written).id]);
  });

  it('shuts down promptly while still retrying, without ever consuming', async () => {
    const nowhere = `127.0.0.1:${await freePort()}`;
    const app = await startConsumerApp({ dataSource, brokers: [nowhere], groupId: 'starter-nowhere', probe: new ConsumerProbe(SCHEMA), background: true });
    const starter = app.get(KafkaConsumerStarter);
    await waitFor(() => starter.startState.attempts >= 1 && starter.startState.lastError !== undefined, {
      timeoutMs: 20_000,
      description: 'a first failed attempt',
    });
    const closing = Date.now();
    await app.close();
    expect(Date.now() - closing).toBeLessThan(15_000);
    await starter.whenStarted();
    expect(starter.isConsuming).toBe(false);
    expect(starter.startState.state).toBe('stopped');
  });
});
