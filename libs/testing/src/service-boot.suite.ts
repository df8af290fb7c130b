import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.util';
import { cleanEnv, spawnBuiltEntry } from './service-process.fixture';
import { waitFor } from './wait-for.util';

/**
 * The boot contract every service keeps (issue "Workspace foundation"), as a shared Jest suite:
 * started alone with no DATABASE_URL it comes up on an embedded PostgreSQL, migrates its own
 * schema and answers /health/ready with 200 — also with no Kafka broker reachable (readiness shows
 * `kafka` up but not consuming: writes wait in the outbox); a bad config variable stops it non-zero,
 * naming it.
 */
export function describeServiceBoot(service: string, schema: string): void {
  describe(`${service} process`, () => {
    const entry = `apps/${service}/src/main.js`;
    let dataDir: string;

    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), `${service}-boot-`));
      // PostgreSQL runs as the `postgres` user when the tests run as root: it must reach the folder.
      chmodSync(dataDir, 0o755);
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('boots alone on embedded PostgreSQL, migrates its schema and is ready', async () => {
      const pgPort = await freePort();
      // A port nobody listens on: the service must come up without Kafka.
      const noBroker = `127.0.0.1:${await freePort()}`;
      const proc = spawnBuiltEntry(entry, cleanEnv({ HTTP_PORT: '0', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), KAFKA_BROKERS: noBroker }));
      try {
        const ready = waitFor(() => /ready on (http:\/\/\S+)/.exec(proc.output())?.[1], {
          timeoutMs: 60_000,
          description: `${service} to print "ready on"`,
        });
        const died = proc.exited.then((code) => {
          throw new Error(`${service} exited with ${code} before it was ready`);
        });
        const url = await Promise.race([ready, died]).catch((error: Error) => {
          throw new Error(`${error.message}\n--- output ---\n${proc.output()}`);
        });
        expect(proc.output()).toContain('database: embedded');
        const live = await fetch(`${url}/health/live`);
        expect(live.status).toBe(200);
        expect(await live.json()).toMatchObject({ status: 'ok' });
        const readiness = await fetch(`${url}/health/ready`);
        expect(readiness.status).toBe(200);
        expect(await readiness.json()).toMatchObject({
          status: 'ok',
          info: { database: { status: 'up' }, kafka: { status: 'up', consuming: false } },
        });

        const { Client } = await import('pg');
        const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/cargo` });
        await client.connect();
        try {
          const tables = await client.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
            [schema],
          );
          expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toContain('migrations');
        } finally {
          await client.end();
        }
      } finally {
        expect(await proc.stop()).toBe(0);
      }
    });

    it('exits non-zero naming a bad config variable', async () => {
      const proc = spawnBuiltEntry(entry, cleanEnv({ HTTP_PORT: 'not-a-port', DATA_DIR: dataDir }));
      const code = await proc.exited;
      expect(code).not.toBe(0);
      expect(proc.output()).toMatch(/HTTP_PORT: HTTP_PORT must be an integer number \(got "not-a-port"\)/);
    });
  });
}
