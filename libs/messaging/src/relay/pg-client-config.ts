import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

/** pg connection settings equivalent to a TypeORM postgres data source's (for a dedicated client). */
export function pgClientConfigOf(dataSource: DataSource, applicationName?: string): ClientConfig {
  const o = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string | (() => string) | (() => Promise<string>);
    database?: string;
    ssl?: ClientConfig['ssl'];
    applicationName?: string;
  };
  const config: ClientConfig = { application_name: applicationName ?? (o.applicationName ? `${o.applicationName}-outbox-listener` : undefined) };
  if (o.url) config.connectionString = o.url;
  if (o.host) config.host = o.host;
  if (o.port) config.port = o.port;
  if (o.username) config.user = o.username;
  if (o.password !== undefined) config.password = o.password as ClientConfig['password'];
  if (o.database) config.database = o.database;
  if (o.ssl !== undefined) config.ssl = o.ssl;
  return config;
}
