import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** Counters of the application database at one moment. */
export interface DatabaseSample {
  at: number;
  /** `pg_stat_database.xact_commit`: every committed transaction, read-only ones too (flushed by each backend at most every second, or 10 s after it went idle). */
  commits: number;
  /** The next transaction id (`pg_snapshot_xmax`): how many transactions wrote, exact at once. */
  nextXid: number;
  /** Statements this probe had sent before this one (each is a committed transaction of its own). */
  ownBefore: number;
}

/**
 * The benchmark's one connection to the application database: it reads the commit and transaction
 * id counters, and knows how many of the commits are its own (each statement it sends is one
 * autocommitted transaction), so they can be subtracted.
 */
export class DatabaseProbe {
  private statements = 0;

  private constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<DatabaseProbe> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new DatabaseProbe(client);
  }

  async sample(): Promise<DatabaseSample> {
    const ownBefore = this.statements++;
    const { rows } = await this.client.query<{ commits: string; xmax: string }>(
      `SELECT xact_commit::text AS commits, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { at: Date.now(), commits: Number(rows[0]?.commits), nextXid: Number(rows[0]?.xmax), ownBefore };
  }

  /** A query of the benchmark's own (counted as such); undefined when it fails (e.g. another revision's schema). */
  async query<T extends object>(text: string, values: unknown[] = []): Promise<T[] | undefined> {
    this.statements++;
    try {
      return (await this.client.query<T>(text, values)).rows;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/**
 * pgbench's TPC-B-like load on the same PostgreSQL server, in a scratch database of its own
 * (`pgbench -i`, then `-c clients -j 2 -T seconds`): the server's commit ceiling on this machine,
 * next to which the services' commits are read. Resolves with the tps pgbench reports.
 */
export async function pgbenchTps(port: number, clients: number, seconds: number): Promise<number> {
  const env = { ...process.env, PGPASSWORD: 'postgres', PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres' };
  const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query('DROP DATABASE IF EXISTS bench_pgbench');
    await admin.query('CREATE DATABASE bench_pgbench');
  } finally {
    await admin.end();
  }
  await run('pgbench', ['-i', '-q', 'bench_pgbench'], { env });
  const { stdout } = await run('pgbench', ['-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), 'bench_pgbench'], { env });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? /tps = ([\d.]+)/.exec(stdout)?.[1];
  if (tps === undefined) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps);
}
