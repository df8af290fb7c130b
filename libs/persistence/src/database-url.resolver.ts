import { resolve } from 'node:path';
import { RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.server';

export interface DatabaseResolution extends RunningPostgres {
  /** 'external' when DATABASE_URL was given, 'embedded' otherwise. */
  mode: 'external' | 'embedded';
}

export interface ResolveDatabaseOptions {
  databaseUrl?: string;
  /** Where the embedded server keeps its data when no URL is given. Default `.data/postgres`. */
  embeddedDataDir?: string;
  /** Port of the embedded server. Default 54329. */
  embeddedPort?: number;
  log?: (line: string) => void;
}

/**
 * The one rule for finding the database: `DATABASE_URL` when set (external PostgreSQL, e.g.
 * production or the machines' server on 127.0.0.1:5432), otherwise the embedded PostgreSQL
 * under `.data/`, started on demand and shared by every service of the workspace.
 */
export async function resolveDatabase(options: ResolveDatabaseOptions = {}): Promise<DatabaseResolution> {
  if (options.databaseUrl) {
    return { mode: 'external', url: options.databaseUrl, owned: false, stop: async () => undefined };
  }
  const running = await startEmbeddedPostgres({
    dataDir: options.embeddedDataDir ?? resolve(process.cwd(), '.data/postgres'),
    port: options.embeddedPort ?? 54329,
    log: options.log,
  });
  return { mode: 'embedded', ...running };
}
