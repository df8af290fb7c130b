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

/** Creates the service's schema when missing, then applies pending migrations. Idempotent. */
export async function migrateServiceSchema(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('The data source has no schema: every service owns one.');
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/** Initialises (connects) the data source and migrates its schema. */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    await migrateServiceSchema(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
