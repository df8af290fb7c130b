import { createTestDatabase, startTestBroker, waitFor, type TestBroker, type TestDatabase } from '@cargo/testing';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../relay/outbox.relay';
import { testAwb } from '../testing/parcel-events.fixture';
import { commitParcels, ConsumerProbe, effectRows, openTestDataSource, provisionTestTopics, startConsumerApp } from '../testing/messaging-test.harness';
import { must } from '../testing/must';

const SCHEMA = 'volume_svc';
const TOTAL = 10_000;
/**
 * Records per consumer transaction (the library's default, 500). `VOLUME_BATCH_MAX_RECORDS=0` runs
 * the same scenario one transaction per record, to compare the printed figures (#21).
 */
const BATCH_MAX_RECORDS = Number(process.env['VOLUME_BATCH_MAX_RECORDS'] ?? 500);

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
      batchMaxRecords: BATCH_MAX_RECORDS,
    });
    const keys = Array.from({ length: 100 }, (_, i) => testAwb(1_000 + i));
    const startedAt = Date.now();
    const written = await commitParcels(dataSource, { keys, count: TOTAL, perTransaction: 250 });

    await waitFor(async () => {
      const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."parcel_effects"`)) as { n: number }[];
      return must(row).n >= TOTAL;
    }, { timeoutMs: BATCH_MAX_RECORDS > 0 ? 100_000 : 400_000, intervalMs: 250, description: `${TOTAL} effects` });
    const seconds = (Date.now() - startedAt) / 1000;
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

    // Consumer transactions: each claims its events in one statement, so its processed_events rows share its xmin.
    const [claims] = (await dataSource.query(`SELECT count(DISTINCT "xmin"::text)::int AS n FROM "${SCHEMA}"."processed_events"`)) as { n: number }[];
    const consumerTransactions = must(claims).n;
    const relayTransactions = app.get(OutboxRelay).metrics().batches;
    process.stdout.write(
      `volume (batchMaxRecords ${BATCH_MAX_RECORDS}): ${TOTAL} events in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)}/s); ` +
        `per 1,000 events: ${((consumerTransactions * 1000) / TOTAL).toFixed(1)} consumer transactions, ${((relayTransactions * 1000) / TOTAL).toFixed(1)} relay transactions (one produce request each)\n`,
    );
    if (BATCH_MAX_RECORDS > 0) expect(consumerTransactions).toBeLessThanOrEqual(TOTAL / 20);
  }, BATCH_MAX_RECORDS > 0 ? 120_000 : 450_000);
});
