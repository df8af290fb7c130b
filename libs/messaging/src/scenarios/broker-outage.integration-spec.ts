import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../relay/outbox.relay';
import { testAwb } from '../testing/parcel-events.fixture';
import { commitParcels, ConsumerProbe, effectRows, openTestDataSource, provisionTestTopics, startConsumerApp } from '../testing/messaging-test.harness';
import { must } from '../testing/must';

const SCHEMA = 'outage_svc';
const OUTAGE_MS = 3_000;

describe('Broker outage (durable embedded broker stopped and restarted on the same port)', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    [broker, db] = await Promise.all([startTestBroker({ durable: true }), createTestDatabase('outage')]);
    dataSource = await openTestDataSource(db.url, SCHEMA);
    await provisionTestTopics([broker.bootstrap]);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.drop();
    await broker?.dispose();
  });

  it('1,000 events committed while the broker is down all arrive, in key order, after it returns', async () => {
    const probe = new ConsumerProbe(SCHEMA);
    app = await startConsumerApp({
      dataSource,
      brokers: [broker.bootstrap],
      groupId: 'outage-svc',
      probe,
      relay: { backoff: { initialMs: 100, maxMs: 1_000 }, batchSize: 200 },
    });
    const relay = app.get(OutboxRelay);
    const keys = Array.from({ length: 20 }, (_, i) => testAwb(500 + i));

    // Warm-up: the service publishes and consumes normally.
    await commitParcels(dataSource, { keys: ['160-00000001'], count: 1 });
    await waitFor(() => probe.count('processed') === 1, { description: 'warm-up event consumed' });

    await broker.stop();
    const stoppedAt = Date.now();
    const failuresBefore = relay.metrics().failures;
    const written = await commitParcels(dataSource, { keys, count: 1_000, perTransaction: 50 });

    await waitFor(() => relay.metrics().failures >= failuresBefore + 2 && Date.now() - stoppedAt >= OUTAGE_MS, {
      timeoutMs: 20_000,
      description: `relay failing against the stopped broker for ${OUTAGE_MS} ms`,
    });
    const [kept] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."outbox" WHERE "published_at" IS NULL`)) as { n: number }[];
    expect(must(kept).n).toBe(1_000);
    expect(probe.count('processed')).toBe(1);

    await broker.restart();
    await waitFor(async () => (await effectRows(dataSource, SCHEMA)).length === 1_001, {
      timeoutMs: 60_000,
      description: 'all 1,000 events applied after the broker came back',
    });

    const rows = (await effectRows(dataSource, SCHEMA)).slice(1);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(written.map((w) => w.id)));
    const seqsByKey = new Map<string, number[]>();
    for (const row of rows) seqsByKey.set(row.awb, [...(seqsByKey.get(row.awb) ?? []), row.seq]);
    for (const key of keys) expect(seqsByKey.get(key)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await waitFor(async () => {
      const [left] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."outbox" WHERE "published_at" IS NULL`)) as { n: number }[];
      return must(left).n === 0;
    }, { description: 'outbox fully marked published' });
    expect(relay.metrics().consecutiveFailures).toBe(0);
    // The backlog arrives in large fetches: applied a batch per transaction (one claim each, sharing its xmin), not one per event.
    const [claims] = (await dataSource.query(`SELECT count(DISTINCT "xmin"::text)::int AS n FROM "${SCHEMA}"."processed_events"`)) as { n: number }[];
    expect(must(claims).n).toBeLessThanOrEqual(100);
  });
});
