import { createTestDatabase, TestDatabase } from '@cargo/testing';
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { createServiceDataSource, migrateServiceSchema, openServiceDataSource } from './service-data-source.factory';

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
