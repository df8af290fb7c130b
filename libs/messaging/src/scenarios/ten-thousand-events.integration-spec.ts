import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../relay/outbox.relay';
import { testAwb } from '../testing/parcel-events.fixture';
import { commitParcels, ConsumerProbe, effectRows, openTestDataSource, provisionTestTopics, startConsumerApp } from '../testing/messaging-test.harness';
import { must } from '../testing/must';

const SCHEMA = 'volume_svc';
const TOTAL = 10_000;

describe('Volume: outbox → broker → NestJS consumer', () => {
  let broker: TestBroker;
  let db: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    [broker, db] = await Promise.all([startTestBroker(), createTestDatabase('volume')]);
    dataSource = await openTestDataSource(db.url, SCHEMA, 12);
    await provisionTestTopics([broker.bootstrap]);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.drop();
    await broker?.dispose();
  });

  it(`${TOTAL.toLocaleString('en')} events: none lost, none applied twice, each key in order`, async () => {
    const probe = new ConsumerProbe(SCHEMA);
    app = await startConsumerApp({
      dataSource,
      brokers: [broker.bootstrap],
      groupId: 'volume-svc',
      probe,
      relay: { batchSize: 500 },
      partitionsConsumedConcurrently: 3,
    });
    const keys = Array.from({ length: 100 }, (_, i) => testAwb(1_000 + i));
    const written = await commitParcels(dataSource, { keys, count: TOTAL, perTransaction: 250 });

    await waitFor(async () => {
      const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."parcel_effects"`)) as { n: number }[];
      return must(row).n >= TOTAL;
    }, { timeoutMs: 100_000, intervalMs: 250, description: `${TOTAL} effects` });
    expect(app.get(OutboxRelay).published).toBe(TOTAL);

    const rows = await effectRows(dataSource, SCHEMA);
    expect(rows).toHaveLength(TOTAL);
    const ids = new Set(rows.map((row) => row.event_id));
    expect(ids.size).toBe(TOTAL);
    expect(ids).toEqual(new Set(written.map((w) => w.id)));
    const seqsByKey = new Map<string, number[]>();
    for (const row of rows) seqsByKey.set(row.awb, [...(seqsByKey.get(row.awb) ?? []), row.seq]);
    for (const key of keys) expect(seqsByKey.get(key)).toEqual(Array.from({ length: TOTAL / keys.length }, (_, i) => i + 1));
    expect(probe.failures).toEqual([]);
    expect(probe.count('processed')).toBe(TOTAL);
  });
});
