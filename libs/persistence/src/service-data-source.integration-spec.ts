import { createTestDatabase, TestDatabase } from '@cargo/testing';
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { createServiceDataSource, migrateServiceSchema, openServiceDataSource, pendingMigrations } from './service-data-source.factory';

@Entity({ name: 'probe' })
class ProbeOrmEntity {
  @PrimaryColumn('text') id!: string;
  @Column('integer') weight!: number;
}

class CreateProbe1700000000000 implements MigrationInterface {
  name = 'CreateProbe1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`CREATE TABLE "${schema}"."probe" (id text PRIMARY KEY, weight integer NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`DROP TABLE "${schema}"."probe"`);
  }
}

/** Slow enough that replicas starting together overlap in it; counts its runs in a table of its own. */
class SlowCountedMigration1700000000002 implements MigrationInterface {
  name = 'SlowCountedMigration1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`CREATE TABLE IF NOT EXISTS "${schema}"."runs" (n integer NOT NULL)`);
    await runner.query(`INSERT INTO "${schema}"."runs" VALUES (1)`);
    await runner.query('SELECT pg_sleep(0.3)');
  }
  async down(): Promise<void> {
    /* nothing */
  }
}

class BrokenMigration1700000000001 implements MigrationInterface {
  name = 'BrokenMigration1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`ALTER TABLE "${schema}"."probe" ADD COLUMN extra integer`);
    await runner.query('SELECT * FROM table_that_does_not_exist');
  }
  async down(): Promise<void> {
    /* nothing */
  }
}

describe('service data source (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('persistence');
  });
  afterAll(async () => db.drop());

  it('creates the schema, applies migrations there once, and never synchronizes', async () => {
    const options = { url: db.url, schema: 'svc_one', entities: [ProbeOrmEntity], migrations: [CreateProbe1700000000000] };
    const first = await openServiceDataSource(options);
    try {
      expect(first.options.synchronize).toBe(false);
      await first.getRepository(ProbeOrmEntity).save({ id: 'a', weight: 5 });
      const tables = await first.query(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('probe', 'migrations') ORDER BY table_name",
      );
      expect(tables).toEqual([
        { table_schema: 'svc_one', table_name: 'migrations' },
        { table_schema: 'svc_one', table_name: 'probe' },
      ]);
      expect(await migrateServiceSchema(first)).toEqual([]);
    } finally {
      await first.destroy();
    }
    const again = await openServiceDataSource(options);
    try {
      expect(await again.getRepository(ProbeOrmEntity).findOneByOrFail({ id: 'a' })).toEqual({ id: 'a', weight: 5 });
    } finally {
      await again.destroy();
    }
  });

  it('keeps two services apart: same table name, separate schemas', async () => {
    const one = await openServiceDataSource({ url: db.url, schema: 'svc_a', entities: [ProbeOrmEntity], migrations: [CreateProbe1700000000000] });
    const two = await openServiceDataSource({ url: db.url, schema: 'svc_b', entities: [ProbeOrmEntity], migrations: [CreateProbe1700000000000] });
    try {
      await one.getRepository(ProbeOrmEntity).save({ id: 'x', weight: 1 });
      expect(await two.getRepository(ProbeOrmEntity).count()).toBe(0);
      expect(await one.getRepository(ProbeOrmEntity).count()).toBe(1);
    } finally {
      await one.destroy();
      await two.destroy();
    }
  });

  it('migrates once when several replicas start together (advisory lock), and a replica told not to migrate waits for none', async () => {
    const options = { url: db.url, schema: 'svc_replicas', entities: [ProbeOrmEntity], migrations: [CreateProbe1700000000000, SlowCountedMigration1700000000002] };
    const refused = openServiceDataSource(options, { migrate: false });
    await expect(refused).rejects.toThrow(/2 pending migration\(s\).*MIGRATE_AT_BOOT=false/);
    const replicas = await Promise.all([1, 2, 3].map(() => openServiceDataSource(options)));
    try {
      const [first] = replicas;
      expect(await first?.query('SELECT count(*)::int AS n FROM "svc_replicas"."runs"')).toEqual([{ n: 1 }]);
      expect(await first?.query('SELECT count(*)::int AS n FROM "svc_replicas"."migrations"')).toEqual([{ n: 2 }]);
      expect(await pendingMigrations(first as never)).toEqual([]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
    }
    const noMigrate = await openServiceDataSource(options, { migrate: false });
    await noMigrate.destroy();
  });

  it('rolls a failing migration back whole and reports it', async () => {
    const dataSource = createServiceDataSource({
      url: db.url,
      schema: 'svc_broken',
      entities: [],
      migrations: [CreateProbe1700000000000, BrokenMigration1700000000001],
    });
    await dataSource.initialize();
    try {
      await expect(migrateServiceSchema(dataSource)).rejects.toThrow(/table_that_does_not_exist/);
      const columns = await dataSource.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'svc_broken' AND table_name = 'probe' ORDER BY column_name",
      );
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual(['id', 'weight']);
      const applied = await dataSource.query('SELECT name FROM "svc_broken"."migrations"');
      expect(applied.map((m: { name: string }) => m.name)).toEqual(['CreateProbe1700000000000']);
    } finally {
      await dataSource.destroy();
    }
  });
});
