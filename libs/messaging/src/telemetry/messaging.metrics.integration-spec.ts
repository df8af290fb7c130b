import { createTestDatabase, parsePrometheusText, prometheusValue, startTestBroker, waitFor, type PrometheusFamily, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { INestApplication } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { testAwb } from '../testing/parcel-events.fixture';
import { commitParcels, ConsumerProbe, openTestDataSource, provisionTestTopics, startConsumerApp } from '../testing/messaging-test.harness';
import { MessagingMetricNames } from './messaging.metrics';

const SCHEMA = 'metrics_svc';

/** The registry as Prometheus scrapes it, parsed by a Prometheus text-format parser. */
async function scrape(registry: Registry): Promise<Map<string, PrometheusFamily>> {
  return parsePrometheusText(await registry.metrics());
}

const value = prometheusValue;

describe('messaging metrics against a real broker and PostgreSQL', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication | undefined;
  const registry = new Registry();

  beforeAll(async () => {
    [broker, db] = await Promise.all([startTestBroker({ durable: true }), createTestDatabase('metrics')]);
    dataSource = await openTestDataSource(db.url, SCHEMA);
    await provisionTestTopics([broker.bootstrap]);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.drop();
    await broker?.dispose();
  });

  it('exports publish, consume and lag series; the outbox backlog rises while the broker is down and returns to 0', async () => {
    const probe = new ConsumerProbe(SCHEMA);
    app = await startConsumerApp({
      dataSource,
      brokers: [broker.bootstrap],
      groupId: 'metrics-svc',
      probe,
      relay: { backoff: { initialMs: 100, maxMs: 500 } },
      metricsRegistry: registry,
    });
    await commitParcels(dataSource, { keys: [testAwb(900)], count: 1 });
    await waitFor(() => probe.count('processed') === 1, { description: 'first event consumed' });

    const healthy = await waitFor(async () => {
      const families = await scrape(registry);
      return (value(families, MessagingMetricNames.ConsumerLag) ?? -1) >= 0 ? families : undefined;
    }, { description: 'consumer lag series present' });
    for (const name of Object.values(MessagingMetricNames)) expect(healthy.has(name)).toBe(true);
    expect(value(healthy, MessagingMetricNames.OutboxBacklog)).toBe(0);
    expect(value(healthy, MessagingMetricNames.OutboxPublished, { topic: 'cargo.intake.v1' })).toBeGreaterThanOrEqual(1);
    expect(value(healthy, MessagingMetricNames.ConsumerRecords, { topic: 'cargo.intake.v1', outcome: 'processed' })).toBe(1);
    expect(healthy.get(MessagingMetricNames.ConsumerLag)?.metrics.every((m) => m.labels?.['topic'] && m.labels['partition'] !== undefined)).toBe(true);

    await broker.stop();
    await commitParcels(dataSource, { keys: [testAwb(901), testAwb(902)], count: 20 });
    const down = await waitFor(async () => {
      const families = await scrape(registry);
      return (value(families, MessagingMetricNames.OutboxBacklog) ?? 0) >= 20 && (value(families, MessagingMetricNames.OutboxPublishFailures) ?? 0) >= 1
        ? families
        : undefined;
    }, { timeoutMs: 20_000, description: 'backlog of 20 and failed publish attempts while the broker is down' });
    expect(value(down, MessagingMetricNames.OutboxOldestAge)).toBeGreaterThan(0);

    await broker.restart();
    await waitFor(async () => value(await scrape(registry), MessagingMetricNames.OutboxBacklog) === 0, {
      timeoutMs: 30_000,
      description: 'backlog back to 0 after the broker returned',
    });
    expect(value(await scrape(registry), MessagingMetricNames.OutboxOldestAge)).toBe(0);
    await waitFor(() => probe.count('processed') === 21, { timeoutMs: 30_000, description: 'the 20 events consumed after the outage' });
  });
});
