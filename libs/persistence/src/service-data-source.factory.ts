import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own PostgreSQL schema: every table of the service lives there and nowhere else. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /** Shows in pg_stat_activity; default = schema. */
  applicationName?: string;
  poolSize?: number;
  logging?: DataSourceOptions['logging'];
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

/**
 * Builds a TypeORM data source for one service.
 *
 * Invariants: `synchronize` is never on (the schema changes only through migration files);
 * the migrations table lives in the service's schema, so services never share bookkeeping.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? ['error'],
    applicationName: options.applicationName ?? options.schema,
    poolSize: options.poolSize ?? 10,
  });
}

/**
 * Class id (first key of the two-key form) of the session advisory lock that serialises migration
 * runs of one schema across processes; the second key is `hashtext(schema)`. Advisory locks are
 * per database, so the class keeps them apart from every other lock of the services.
 */
export const MIGRATION_LOCK_CLASS = 17_001;

function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema: every service owns one.');
  return schema;
}

/**
 * Creates the service's schema when missing, then applies pending migrations. Idempotent.
 *
 * Invariant: migrations of one schema run once, whatever the number of replicas (or migrate jobs)
 * starting together: the whole run holds a PostgreSQL advisory lock of the schema, so a second
 * process waits, then finds nothing pending. The lock is held on its own connection (the pool
 * needs two) and released with it, also when the process dies.
 */
export async function migrateServiceSchema(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    try {
      // Under the lock: concurrent CREATE SCHEMA IF NOT EXISTS can fail on the catalog's unique index.
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    }
  } finally {
    await lock.release();
  }
}

/** Names of the migrations the schema has not had yet (all of them when the schema or its table is missing). */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  const [table] = (await dataSource.query(`SELECT to_regclass($1) AS "table"`, [`"${schema}"."migrations"`])) as { table: string | null }[];
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  if (!table?.table) return known;
  const done = new Set(((await dataSource.query(`SELECT "name" FROM "${schema}"."migrations"`)) as { name: string }[]).map((row) => row.name));
  return known.filter((name) => !done.has(name));
}

/**
 * Initialises (connects) the data source and, with `migrate` (default), migrates its schema.
 * With `migrate: false` (a deployment whose migrate job does it) it refuses to start while
 * migrations are pending, rather than run against tables that are not there yet.
 */
export async function openServiceDataSource(options: ServiceDataSourceOptions, { migrate = true }: { migrate?: boolean } = {}): Promise<DataSource> {
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    if (migrate) {
      await migrateServiceSchema(dataSource);
    } else {
      const pending = await pendingMigrations(dataSource);
      if (pending.length > 0) {
        throw new Error(`schema "${options.schema}" has ${pending.length} pending migration(s) (${pending.join(', ')}) and MIGRATE_AT_BOOT=false: run the migrate command first`);
      }
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
