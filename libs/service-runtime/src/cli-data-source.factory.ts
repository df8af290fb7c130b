import 'reflect-metadata';
import { createServiceDataSource, resolveDatabase, ServiceDataSourceOptions } from '@cargo/persistence';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './config.loader';

/**
 * The data source the TypeORM CLI uses for a service's `migration:run|revert|generate` targets:
 * the same config, database resolution and schema as the running service.
 */
export async function cliDataSource(
  configClass: new () => BaseServiceConfig,
  orm: Omit<ServiceDataSourceOptions, 'url'>,
): Promise<DataSource> {
  const config = loadConfig(configClass);
  const database = await resolveDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: resolve(config.DATA_DIR, 'postgres'),
    embeddedPort: config.EMBEDDED_PG_PORT,
  });
  // The CLI creates its migrations table before running anything: the schema must exist first.
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${orm.schema}"`);
  } finally {
    await client.end();
  }
  return createServiceDataSource({ ...orm, url: database.url });
}
