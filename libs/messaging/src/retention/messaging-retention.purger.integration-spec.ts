import { createTestDatabase, type TestDatabase } from '@cargo/testing';
import type { DataSource } from 'typeorm';
import { openTestDataSource, quietLogger } from '../testing/messaging-test.harness';
import { MessagingRetentionPurger } from './messaging-retention.purger';

const SCHEMA = 'retention_test';
const HOUR = 3_600_000;

/** Rows of both tables, `hoursAgo` old; `published: false` outbox rows were never acknowledged. */
async function seed(dataSource: DataSource, rows: { id: string; hoursAgo: number; published: boolean }[]): Promise<void> {
  for (const row of rows) {
    await dataSource.query(
      `INSERT INTO "${SCHEMA}"."outbox" ("id", "topic", "key", "event_type", "headers", "payload", "created_at", "published_at")
       VALUES (gen_random_uuid(), 't', $1, 'T', '{}', '{}', now() - $2 * interval '1 hour', CASE WHEN $3 THEN now() - $2 * interval '1 hour' END)`,
      [row.id, row.hoursAgo, row.published],
    );
    await dataSource.query(
      `INSERT INTO "${SCHEMA}"."processed_events" ("consumer", "event_id", "event_type", "topic", "partition", "offset", "processed_at")
       VALUES ('c', $1, 'T', 't', 0, 0, now() - $2 * interval '1 hour')`,
      [row.id, row.hoursAgo],
    );
  }
}

describe('messaging retention purge (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('retention');
    dataSource = await openTestDataSource(db.url, SCHEMA);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('deletes published outbox rows and processed-event ids past the retention, in batches, never an unpublished row', async () => {
    await seed(dataSource, [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `old-${i}`, hoursAgo: 30, published: true })),
      { id: 'old-unpublished', hoursAgo: 30, published: false },
      { id: 'recent', hoursAgo: 1, published: true },
    ]);
    const purger = new MessagingRetentionPurger({ dataSource, schema: SCHEMA, options: { retainMs: 24 * HOUR, batchSize: 3 }, logger: quietLogger });
    // Two replicas purging at once delete each row once between them.
    const other = new MessagingRetentionPurger({ dataSource, schema: SCHEMA, options: { retainMs: 24 * HOUR, batchSize: 3 }, logger: quietLogger });
    const [a, b] = await Promise.all([purger.purgeOnce(), other.purgeOnce()]);
    expect((a?.outbox ?? 0) + (b?.outbox ?? 0)).toBe(7);
    expect((a?.processedEvents ?? 0) + (b?.processedEvents ?? 0)).toBe(8);
    const outbox = (await dataSource.query(`SELECT "key" FROM "${SCHEMA}"."outbox" ORDER BY "key"`)) as { key: string }[];
    expect(outbox.map((r) => r.key)).toEqual(['old-unpublished', 'recent']);
    const processed = (await dataSource.query(`SELECT "event_id" FROM "${SCHEMA}"."processed_events"`)) as { event_id: string }[];
    expect(processed.map((r) => r.event_id)).toEqual(['recent']);
    expect(await purger.purgeOnce()).toEqual({ outbox: 0, processedEvents: 0 });
  });

  it('keeps everything when the retention is off (MESSAGING_RETENTION_HOURS=0)', async () => {
    await seed(dataSource, [{ id: 'ancient', hoursAgo: 10_000, published: true }]);
    const purger = new MessagingRetentionPurger({ dataSource, schema: SCHEMA, options: { retainMs: null }, logger: quietLogger });
    purger.start();
    await purger.stop();
    expect(await purger.purgeOnce()).toEqual({ outbox: 0, processedEvents: 0 });
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."processed_events" WHERE "event_id" = 'ancient'`)).toEqual([{ n: 1 }]);
  });
});
