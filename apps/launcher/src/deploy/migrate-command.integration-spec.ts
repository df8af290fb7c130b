import { createTestDatabase, freePort, spawnBuiltEntry, cleanEnv, waitFor, type TestDatabase } from '@cargo/testing';

/**
 * The migrate command as the Kubernetes migrate Job, the init containers and docker compose run it,
 * on a real PostgreSQL: a replica told not to migrate refuses a schema with pending migrations; the
 * init container's `--wait` returns once the Job migrated; the replica then starts.
 */
describe('migrate command and MIGRATE_AT_BOOT=false (built customs-hold, real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrate_cmd');
  });
  afterAll(async () => db?.drop());

  const run = async (args: string[]) => {
    const proc = spawnBuiltEntry('apps/customs-hold/src/migrate.main.js', cleanEnv({ DATABASE_URL: db.url, LOG_FORMAT: 'json' }), undefined, args);
    return { code: await proc.exited, output: proc.output() };
  };

  it('checks, waits for and applies migrations once; the service starts only on a migrated schema', async () => {
    const check = await run(['--check']);
    expect(check.code).toBe(3);
    expect(check.output).toMatch(/pending: .*CreateMessagingTables1764000000000/);

    const env = cleanEnv({ DATABASE_URL: db.url, MIGRATE_AT_BOOT: 'false', HTTP_PORT: String(await freePort()), KAFKA_BROKERS: `127.0.0.1:${await freePort()}`, LOG_FORMAT: 'json' });
    const refused = spawnBuiltEntry('apps/customs-hold/src/main.js', env);
    expect(await refused.exited).not.toBe(0);
    expect(refused.output()).toMatch(/pending migration\(s\).*MIGRATE_AT_BOOT=false: run the migrate command first/);

    // An init container waits while the Job migrates.
    const waiting = spawnBuiltEntry('apps/customs-hold/src/migrate.main.js', cleanEnv({ DATABASE_URL: db.url }), undefined, ['--wait', '--timeout-seconds', '60']);
    await waitFor(() => /waiting for \d+ pending migration/.test(waiting.output()), { description: 'the init container to wait' });
    const [first, second] = await Promise.all([run([]), run([])]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(`${first.output}\n${second.output}`).toMatch(/applied \d+: /);
    expect(`${first.output}\n${second.output}`).toMatch(/is up to date/);
    expect(await waiting.exited).toBe(0);
    expect((await run(['--check'])).code).toBe(0);

    const started = spawnBuiltEntry('apps/customs-hold/src/main.js', env);
    try {
      await waitFor(() => /ready on http/.test(started.output()) || undefined, { timeoutMs: 60_000, description: 'customs-hold to start without migrating' });
    } finally {
      await started.stop();
    }
  });
});
