import { freePort } from '@cargo/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Port distance between two replicas of a service under `npm start -- --replicas N` (the launcher's rule). */
const REPLICA_PORT_STEP = 100;
const SERVICE_PORT_VARIABLES = ['STATION_INTAKE_PORT', 'CUSTOMS_HOLD_PORT', 'FLIGHT_ASSIGNMENT_PORT', 'TRACKING_PORT'] as const;

/**
 * What the benchmark sets in the launcher's environment, and why (printed with the results):
 * the system is otherwise as `npm start -- --no-simulator` runs it.
 */
export const BENCH_ENVIRONMENT: Readonly<Record<string, string>> = {
  // One station key drives every request; the per-client limit (3,000/min) would answer 429 above 50/s.
  RATE_LIMIT_PER_MINUTE: '1000000',
  // Grade-A shippers are drawn for deep screening 2 % of the time; at 0 nothing the bench sends is held.
  SCREENING_SHARE_A: '0',
};

/** The shared clock of a data folder, as the launcher wrote it (`<DATA_DIR>/clock.json`). */
interface ClockState {
  CLOCK_SPEED: number;
  CLOCK_SIM_ORIGIN: string;
  CLOCK_REAL_ORIGIN: number;
}

export interface HubUnderTest {
  /** The launcher's process id (the embedded broker runs in it; the rest are its children). */
  pid: number;
  dataDir: string;
  intakeUrls: string[];
  adminKey: string;
  databaseUrl: string;
  brokers: string;
  /** The embedded OpenID provider (the services trust it). */
  issuer: string;
  clock: ClockState;
  pgPort: number;
  /** The simulated time now (the services refuse intakes received in their future). */
  simNow(): Date;
  /** Stops everything and deletes the data folder. */
  stop(): Promise<void>;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A free port whose replica ports (+100 × i) are free too. */
async function freeServicePort(replicas: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await freePort();
    if (base + REPLICA_PORT_STEP * (replicas - 1) > 65535) continue;
    const others = await Promise.all(Array.from({ length: replicas - 1 }, (_, i) => isFree(base + REPLICA_PORT_STEP * (i + 1))));
    if (others.every(Boolean)) return base;
  }
  throw new Error('no free ports for the replicas');
}

/**
 * Starts the system of the workspace at `root` as `npm start -- --no-simulator` does — the built
 * launcher (`dist/apps/launcher/src/main.js`) as a child process, with the embedded broker and
 * PostgreSQL in a throw-away data folder on free ports — and resolves once it prints "Ready".
 * Only the launcher's command line and environment are used, so any revision that has them runs.
 * `stop()` sends SIGTERM (the launcher stops everything in reverse order), SIGKILLs the process group
 * if it has not ended after 60 s, and deletes the data folder. A start that fails is tried again
 * in a fresh folder, {@link START_ATTEMPTS} times in all (the last failure keeps its logs).
 */
export async function startHubUnderTest(root: string, options: StartOptions): Promise<HubUnderTest> {
  const entry = resolve(root, 'dist/apps/launcher/src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build in ${root}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(root, options, attempt === START_ATTEMPTS);
    } catch (error) {
      if (attempt === START_ATTEMPTS) throw error;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n').filter((l) => l.startsWith('Could not start') || l.startsWith('the launcher')).join(' ');
      options.log(`  the system did not start (${reason || 'see the launcher log'}); trying again (${attempt + 1}/${START_ATTEMPTS})`);
    }
  }
}

interface StartOptions {
  replicas: number;
  speed: number;
  log: (line: string) => void;
}

/**
 * Starts of the system the benchmark makes before it gives up. On a loaded machine a service can
 * miss the launcher's 60-s readiness limit (a limit older revisions have too, so it is not raised here).
 */
const START_ATTEMPTS = 3;

async function startOnce(root: string, options: StartOptions, keepDataOnFailure: boolean): Promise<HubUnderTest> {
  const entry = resolve(root, 'dist/apps/launcher/src/main.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const adminKey = randomBytes(24).toString('hex');
  writeFileSync(join(dataDir, 'admin-api-key'), adminKey, { mode: 0o600 });
  const pgPort = await freePort();
  const brokerPort = await freePort();
  const ports: Record<string, string> = { BROKER_PORT: String(brokerPort), EMBEDDED_PG_PORT: String(pgPort), IDENTITY_PORT: String(await freePort()) };
  for (const variable of SERVICE_PORT_VARIABLES) ports[variable] = String(await freeServicePort(options.replicas));
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, ...BENCH_ENVIRONMENT, DATA_DIR: dataDir };
  // Embedded infrastructure whatever the caller's shell points at.
  for (const external of ['KAFKA_BROKERS', 'DATABASE_URL', 'OIDC_ISSUER', 'SIMULATOR']) delete env[external];

  const log = createWriteStream(join(dataDir, 'launcher.log'));
  const child: ChildProcess = spawn(process.execPath, [entry, '--no-simulator', '--speed', String(options.speed), '--replicas', String(options.replicas)], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let output = '';
  const ready = new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the launcher was not ready within 300 s; see ${join(dataDir, 'launcher.log')}`)), 300_000);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      output += chunk.toString();
      if (/^Ready\. /m.test(output)) {
        clearTimeout(timer);
        done(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the launcher exited with code ${code} before it was ready:\n${output.trim().split('\n').slice(-12).join('\n')}`));
    });
  });

  const pid = child.pid as number;
  /** `keepData`: leave the folder (its logs say why a start failed). */
  const stop = async (keepData = false) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 60_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise<void>((done) => log.end(done));
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  let printed: string;
  try {
    printed = await ready;
  } catch (error) {
    await stop(keepDataOnFailure);
    throw new Error(`${error instanceof Error ? error.message : String(error)}${keepDataOnFailure ? `\n(logs kept in ${dataDir})` : ''}`);
  }
  for (const line of printed.split('\n').filter((l) => l.startsWith('✔'))) options.log(`  ${line}`);
  const clock = JSON.parse(readFileSync(join(dataDir, 'clock.json'), 'utf8')) as ClockState;
  const intakeBase = Number(ports['STATION_INTAKE_PORT']);
  return {
    pid,
    dataDir,
    intakeUrls: Array.from({ length: options.replicas }, (_, i) => `http://127.0.0.1:${intakeBase + REPLICA_PORT_STEP * i}`),
    adminKey,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/cargo`,
    brokers: `127.0.0.1:${brokerPort}`,
    issuer: /identity\s+ready\s+(\S+)/.exec(printed)?.[1] ?? '',
    clock,
    pgPort,
    simNow: () => new Date(Date.parse(clock.CLOCK_SIM_ORIGIN) + (Date.now() - clock.CLOCK_REAL_ORIGIN) * clock.CLOCK_SPEED),
    stop: () => stop(),
  };
}

/** A station API key made with the admin key (as the README shows with curl). */
export async function createStationKey(hub: HubUnderTest, station: string): Promise<string> {
  const response = await fetch(`${hub.intakeUrls[0]}/v1/admin/stations/${station}/api-keys`, {
    method: 'POST',
    headers: { 'x-api-key': hub.adminKey, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'throughput bench' }),
  });
  if (response.status !== 201 && response.status !== 200) throw new Error(`station key: ${response.status} ${await response.text()}`);
  return String(((await response.json()) as { apiKey: string }).apiKey);
}

/** The environment the services get from the launcher, for a service's own commands (tracking's rebuild). */
export function serviceEnvironment(hub: HubUnderTest): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...BENCH_ENVIRONMENT,
    DATABASE_URL: hub.databaseUrl,
    KAFKA_BROKERS: hub.brokers,
    DATA_DIR: hub.dataDir,
    OIDC_ISSUER: hub.issuer,
    CLOCK_SPEED: String(hub.clock.CLOCK_SPEED),
    CLOCK_SIM_ORIGIN: hub.clock.CLOCK_SIM_ORIGIN,
    CLOCK_REAL_ORIGIN: String(hub.clock.CLOCK_REAL_ORIGIN),
    HTTP_PORT: '0',
    LOG_FORMAT: 'json',
  };
  if (!hub.issuer) delete env['OIDC_ISSUER'];
  return env;
}
