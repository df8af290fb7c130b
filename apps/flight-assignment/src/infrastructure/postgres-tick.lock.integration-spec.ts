import { createServiceDataSource } from '@cargo/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@cargo/testing';
import type { DataSource } from 'typeorm';
import { PostgresTickLock } from './postgres-tick.lock';

/** Two replicas' tick locks on one real PostgreSQL: one tick at a time across them. */
describe('PostgresTickLock (real PostgreSQL)', () => {
  let db: TestDatabase;
  let replicaA: DataSource;
  let replicaB: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('tick_lock');
    [replicaA, replicaB] = await Promise.all(
      ['a', 'b'].map(async (name) => createServiceDataSource({ url: db.url, schema: 'public', entities: [], migrations: [], applicationName: `tick-${name}` }).initialize()),
    ) as [DataSource, DataSource];
  });
  afterAll(async () => {
    await replicaA?.destroy();
    await replicaB?.destroy();
    await db?.drop();
  });

  it('skips a scheduled tick while another replica holds the lock, lets a waiting one run after it, and frees it on failure', async () => {
    const a = new PostgresTickLock(replicaA);
    const b = new PostgresTickLock(replicaB);
    let release: () => void = () => undefined;
    let holding = false;
    const held = a.runExclusive(async () => {
      holding = true;
      await new Promise<void>((done) => (release = done));
      return 'a';
    }, { wait: false });
    await waitFor(() => holding, { description: 'replica A to hold the tick lock' });

    expect(await b.runExclusive(async () => 'b', { wait: false })).toEqual({ ran: false });
    const order: string[] = [];
    const waiting = b.runExclusive(async () => {
      order.push('b');
      return 'b';
    }, { wait: true });
    order.push('a done');
    release();
    expect(await held).toEqual({ ran: true, value: 'a' });
    expect(await waiting).toEqual({ ran: true, value: 'b' });
    expect(order).toEqual(['a done', 'b']);

    await expect(a.runExclusive(async () => Promise.reject(new Error('tick failed')), { wait: false })).rejects.toThrow('tick failed');
    expect(await b.runExclusive(async () => 'free again', { wait: false })).toEqual({ ran: true, value: 'free again' });
  });

  it('is released when the holder dies (its connection ends)', async () => {
    const dying = await createServiceDataSource({ url: db.url, schema: 'public', entities: [], migrations: [], poolSize: 2 }).initialize();
    let holding = false;
    const orphan = new PostgresTickLock(dying).runExclusive(async () => {
      holding = true;
      await new Promise(() => undefined);
    }, { wait: false });
    void orphan.catch(() => undefined);
    await waitFor(() => holding, { description: 'the dying replica to hold the tick lock' });
    expect(await new PostgresTickLock(replicaB).runExclusive(async () => 'x', { wait: false })).toEqual({ ran: false });
    await replicaB.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'public%'`);
    await waitFor(async () => (await new PostgresTickLock(replicaB).runExclusive(async () => true, { wait: false })).ran || undefined, {
      description: 'the lock to be free once its holder is gone',
    });
    await dying.destroy().catch(() => undefined);
  });
});
