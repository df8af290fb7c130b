import 'reflect-metadata';
import { createServiceDataSource, migrateServiceSchema, pendingMigrations, resolveDatabase, type ServiceDataSourceOptions } from '@cargo/persistence';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BaseServiceConfig } from './base-service.config';
import { ConfigValidationError, loadConfig } from './config.loader';

/** What a service's `migrate.main.ts` hands to {@link runMigrateMain}. */
export interface MigrateCommandDefinition {
  /** e.g. 'customs-hold' */
  name: string;
  /** The service's schema, entities and migrations (its `*.orm-config.ts`). */
  orm: Omit<ServiceDataSourceOptions, 'url'>;
}

export type MigrateMode =
  /** Apply pending migrations (under the schema's advisory lock) and stop. */
  | { kind: 'apply' }
  /** Report pending migrations without applying any. */
  | { kind: 'check' }
  /** Wait until nothing is pending (another process migrates), retrying while the database is unreachable. */
  | { kind: 'wait'; timeoutMs: number; pollMs?: number };

export interface MigrateOutcome {
  applied: string[];
  pending: string[];
}

/**
 * The migrate command of a service: the same database resolution as the service (`DATABASE_URL`,
 * else the embedded PostgreSQL under `DATA_DIR`), the service's schema and migrations. A deployment
 * runs it once per release (a Kubernetes Job) and starts the replicas with `MIGRATE_AT_BOOT=false`;
 * their init containers run it with `--wait`.
 *
 * Invariant: `apply` is safe to run from several processes at once (the advisory lock of
 * `migrateServiceSchema`); `check` and `wait` never change the schema.
 */
export async function migrateService(
  definition: MigrateCommandDefinition,
  mode: MigrateMode,
  env: Record<string, string | undefined> = process.env,
  log: (line: string) => void = () => undefined,
): Promise<MigrateOutcome> {
  const config = loadConfig(BaseServiceConfig, env);
  const database = await resolveDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: resolve(config.DATA_DIR, 'postgres'),
    embeddedPort: config.EMBEDDED_PG_PORT,
    log,
  });
  const options = { ...definition.orm, url: database.url, applicationName: `${definition.orm.schema}-migrate`, poolSize: 2 };
  try {
    if (mode.kind === 'wait') return await waitForSchema(options, mode, log);
    const dataSource = createServiceDataSource(options);
    await dataSource.initialize();
    try {
      if (mode.kind === 'check') return { applied: [], pending: await pendingMigrations(dataSource) };
      return { applied: await migrateServiceSchema(dataSource), pending: [] };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    if (database.owned) await database.stop();
  }
}

async function waitForSchema(options: ServiceDataSourceOptions, mode: { timeoutMs: number; pollMs?: number }, log: (line: string) => void): Promise<MigrateOutcome> {
  const deadline = Date.now() + mode.timeoutMs;
  let last = '';
  for (;;) {
    let pending: string[] | undefined;
    const dataSource = createServiceDataSource(options);
    try {
      await dataSource.initialize();
      pending = await pendingMigrations(dataSource);
    } catch (error) {
      const message = `database not reachable yet: ${error instanceof Error ? error.message : String(error)}`;
      if (message !== last) log(message);
      last = message;
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
    if (pending?.length === 0) return { applied: [], pending: [] };
    if (pending) {
      const message = `waiting for ${pending.length} pending migration(s) of "${options.schema}": ${pending.join(', ')}`;
      if (message !== last) log(message);
      last = message;
    }
    if (Date.now() >= deadline) return { applied: [], pending: pending ?? ['(database unreachable)'] };
    await new Promise((done) => setTimeout(done, mode.pollMs ?? 2_000));
  }
}

/**
 * Entry point of `node dist/apps/<service>/src/migrate.main.js [--check | --wait [--timeout-seconds N]]`.
 * Exit codes: 0 done (nothing pending), 1 failed, 3 migrations pending (`--check`, or `--wait` timed out).
 */
export function runMigrateMain(definition: MigrateCommandDefinition, argv: string[] = process.argv.slice(2)): void {
  const say = (line: string) => console.log(`[${definition.name} migrate] ${line}`);
  const run = async (): Promise<number> => {
    const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, wait: { type: 'boolean' }, 'timeout-seconds': { type: 'string' } }, strict: true });
    const timeoutSeconds = Number(values['timeout-seconds'] ?? 600);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error('--timeout-seconds must be a positive number');
    const mode: MigrateMode = values.check ? { kind: 'check' } : values.wait ? { kind: 'wait', timeoutMs: timeoutSeconds * 1000 } : { kind: 'apply' };
    const outcome = await migrateService(definition, mode, process.env, say);
    if (mode.kind === 'apply') say(outcome.applied.length > 0 ? `applied ${outcome.applied.length}: ${outcome.applied.join(', ')}` : `schema "${definition.orm.schema}" is up to date`);
    if (outcome.pending.length > 0) {
      say(`pending: ${outcome.pending.join(', ')}`);
      return 3;
    }
    if (mode.kind !== 'apply') say(`schema "${definition.orm.schema}" is up to date`);
    return 0;
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`[${definition.name} migrate] ${error instanceof ConfigValidationError ? error.message : error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
