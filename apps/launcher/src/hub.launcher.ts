import { hubDayStart, hubLocalDate } from '@cargo/contracts';
import { KafkaBroker, startKafkaBroker } from '@cargo/kafka-broker';
import { resolveDatabase, DatabaseResolution } from '@cargo/persistence';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ComponentProcess } from './component.process';
import { LauncherConfig } from './config/launcher.config';
import { assertPortsFree } from './port-check.util';

const SERVICES = [
  { name: 'station-intake', port: 'STATION_INTAKE_PORT' },
  { name: 'customs-hold', port: 'CUSTOMS_HOLD_PORT' },
  { name: 'flight-assignment', port: 'FLIGHT_ASSIGNMENT_PORT' },
  { name: 'tracking', port: 'TRACKING_PORT' },
] as const;

interface LaunchOptions {
  /** Simulated shipments for the day. */
  shipments?: number;
  /** Clock speed: simulated seconds per real second. */
  speed: number;
  seed?: number;
  /** Where the shared clock starts on a first start (default: 06:00 in Wuhan today). */
  clockStart?: Date;
  /** Extra environment for one service (e.g. a manual clock for flight-assignment in tests). */
  serviceEnv?: Partial<Record<(typeof SERVICES)[number]['name'], Record<string, string>>>;
}

interface ClockState {
  CLOCK_SPEED: number;
  CLOCK_SIM_ORIGIN: string;
  CLOCK_REAL_ORIGIN: number;
}

function simNow(state: ClockState): number {
  return Date.parse(state.CLOCK_SIM_ORIGIN) + (Date.now() - state.CLOCK_REAL_ORIGIN) * state.CLOCK_SPEED;
}

/**
 * The shared clock of a data folder. The first start begins the simulated day at 06:00 in Wuhan
 * today; later starts resume at the simulated time the last run stopped (saved by `pauseClock`),
 * at the speed asked for, so a restart neither loses nor skips simulated time.
 */
function startClock(dataDir: string, speed: number, firstStart?: Date): ClockState {
  const file = resolve(dataDir, 'clock.json');
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClockState & { pausedAt?: string }) : undefined;
  const todayStart = hubDayStart(hubLocalDate(Date.now()));
  const resumeAt = saved
    ? (saved.pausedAt ?? new Date(simNow(saved)).toISOString())
    : (firstStart ?? new Date(todayStart.getTime() + 6 * 3_600_000)).toISOString();
  const state: ClockState = { CLOCK_SPEED: speed, CLOCK_SIM_ORIGIN: resumeAt, CLOCK_REAL_ORIGIN: Date.now() };
  writeFileSync(file, JSON.stringify(state, null, 2));
  return state;
}

function pauseClock(dataDir: string, state: ClockState): void {
  writeFileSync(resolve(dataDir, 'clock.json'), JSON.stringify({ ...state, pausedAt: new Date(simNow(state)).toISOString() }, null, 2));
}

/** The station-intake admin key of a data folder (made once, kept; git-ignored with .data/). */
function adminKey(dataDir: string): string {
  const file = resolve(dataDir, 'admin-api-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** A machine client of the embedded provider (see apps/identity-provider). */
export interface HubClient {
  client_id: string;
  client_secret: string;
  description: string;
  roles: string[];
}

/** Who the services trust, and (embedded provider) the demo parties' clients. */
export interface HubIdentity {
  issuer: string;
  tokenUrl: string;
  /** Empty with an external provider. */
  clients: HubClient[];
}

export interface LaunchedHub {
  urls: Record<string, string>;
  identity: HubIdentity;
  stop(): Promise<void>;
}

/** The token endpoint named by an issuer's discovery document. */
async function tokenEndpointOf(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`the OpenID provider ${issuer} answered ${response.status} for its discovery document`);
  return String(((await response.json()) as { token_endpoint?: unknown }).token_endpoint);
}

/**
 * Starts the whole system on one machine: the embedded Kafka-protocol broker (durable, under
 * DATA_DIR/kafka) and embedded PostgreSQL unless KAFKA_BROKERS / DATABASE_URL point elsewhere, then
 * the four services as their own processes, then the traffic simulator. Prints one line per
 * component as it becomes ready. `stop()` takes everything down in reverse order.
 */
export async function launchHub(
  config: LauncherConfig,
  root: string,
  say: (line: string) => void,
  options: LaunchOptions = { speed: 60 },
): Promise<LaunchedHub> {
  const host = config.HTTP_HOST;
  await assertPortsFree(host, [
    ...(config.KAFKA_BROKERS ? [] : [{ port: config.BROKER_PORT, what: 'Kafka broker', variable: 'BROKER_PORT' }]),
    ...(config.DATABASE_URL ? [] : [{ port: config.EMBEDDED_PG_PORT, what: 'embedded PostgreSQL', variable: 'EMBEDDED_PG_PORT' }]),
    ...(config.OIDC_ISSUER ? [] : [{ port: config.IDENTITY_PORT, what: 'embedded OpenID provider', variable: 'IDENTITY_PORT' }]),
    ...SERVICES.map((service) => ({ port: config[service.port], what: service.name, variable: service.port })),
  ]);
  const dataDir = resolve(root, config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const clock = startClock(dataDir, options.speed, options.clockStart);
  const adminApiKey = adminKey(dataDir);
  const logDir = resolve(dataDir, 'logs');

  const stack: (() => Promise<void>)[] = [async () => pauseClock(dataDir, clock)];
  /** Stops in reverse order; a step that does not finish in 30 s is reported and left behind. */
  const stop = async () => {
    while (stack.length > 0) {
      const step = stack.pop();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((done) => {
        timer = setTimeout(() => {
          say('[launcher] a component did not stop within 30 s; moving on');
          done();
        }, 30_000);
      });
      await Promise.race([step?.().catch((error: unknown) => say(`[launcher] while stopping: ${String(error)}`)), late]);
      clearTimeout(timer);
    }
  };

  try {
    let brokers = config.KAFKA_BROKERS;
    if (!brokers) {
      const broker: KafkaBroker = await startKafkaBroker({
        host: '127.0.0.1',
        port: config.BROKER_PORT,
        dataDir: resolve(dataDir, 'kafka'),
        defaultPartitions: config.KAFKA_TOPIC_PARTITIONS,
        log: () => undefined,
      });
      stack.push(() => broker.stop());
      brokers = broker.bootstrap;
      say(`✔ kafka broker      ready  ${brokers} (embedded, data in ${resolve(dataDir, 'kafka')})`);
    } else {
      say(`✔ kafka broker      external ${brokers}`);
    }

    const database: DatabaseResolution = await resolveDatabase({
      databaseUrl: config.DATABASE_URL,
      embeddedDataDir: resolve(dataDir, 'postgres'),
      embeddedPort: config.EMBEDDED_PG_PORT,
      log: () => undefined,
    });
    if (database.owned) stack.push(() => database.stop());
    say(`✔ postgresql        ready  ${database.mode === 'embedded' ? `127.0.0.1:${config.EMBEDDED_PG_PORT} (embedded)` : 'external DATABASE_URL'}`);

    let identity: HubIdentity;
    if (config.OIDC_ISSUER) {
      identity = { issuer: config.OIDC_ISSUER, tokenUrl: await tokenEndpointOf(config.OIDC_ISSUER), clients: [] };
      say(`✔ identity          external ${identity.issuer}`);
    } else {
      const identityDir = resolve(dataDir, 'identity');
      const provider = new ComponentProcess('identity-provider', resolve(root, 'dist/apps/identity-provider/src/main.js'), logDir);
      stack.push(() => provider.stop());
      const match = await provider.start({ ...process.env, IDP_PORT: String(config.IDENTITY_PORT), IDP_HOST: host, IDP_DATA_DIR: identityDir }, /listening on (http:\/\/\S+)/);
      const issuer = match[1] ?? '';
      const clients = JSON.parse(readFileSync(resolve(identityDir, 'clients.json'), 'utf8')) as HubClient[];
      identity = { issuer, tokenUrl: await tokenEndpointOf(issuer), clients };
      say(`✔ identity          ready  ${issuer} (embedded OpenID provider, ${clients.length} clients in ${resolve(identityDir, 'clients.json')})`);
    }
    const simulatorClient = (id: string) => identity.clients.find((c) => c.client_id === id);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PARTITIONS: String(config.KAFKA_TOPIC_PARTITIONS),
      DATA_DIR: dataDir,
      HTTP_HOST: host,
      ADMIN_API_KEY: adminApiKey,
      OIDC_ISSUER: identity.issuer,
      CLOCK_SPEED: String(clock.CLOCK_SPEED),
      CLOCK_SIM_ORIGIN: clock.CLOCK_SIM_ORIGIN,
      CLOCK_REAL_ORIGIN: String(clock.CLOCK_REAL_ORIGIN),
      // The services' log files are read by people: readable lines unless JSON is asked for.
      LOG_FORMAT: process.env['LOG_FORMAT'] || 'pretty',
    };
    say(`✔ shared clock      ×${clock.CLOCK_SPEED}, simulated day from ${clock.CLOCK_SIM_ORIGIN}`);
    const urls: Record<string, string> = {};
    const processes = SERVICES.map(
      (service) => new ComponentProcess(service.name, resolve(root, `dist/apps/${service.name}/src/main.js`), logDir),
    );
    for (const proc of processes) stack.push(() => proc.stop());
    await Promise.all(
      processes.map(async (proc, index) => {
        const service = SERVICES[index];
        if (!service) return;
        const match = await proc.start(
          { ...env, ...(options.serviceEnv?.[service.name] ?? {}), HTTP_PORT: String(config[service.port]) },
          /ready on (http:\/\/\S+)/,
        );
        urls[service.name] = match[1] ?? '';
        say(`✔ ${service.name.padEnd(17)} ready  ${urls[service.name]}  (log: ${proc.logPath})`);
      }),
    );

    const simulatorEntry = resolve(root, 'dist/apps/simulator/src/main.js');
    if (config.SIMULATOR && existsSync(simulatorEntry)) {
      const simulator = new ComponentProcess('simulator', simulatorEntry, logDir, (line) => say(`  ${line}`));
      stack.push(() => simulator.stop());
      await simulator.start(
        {
          ...env,
          STATION_INTAKE_URL: urls['station-intake'],
          CUSTOMS_HOLD_URL: urls['customs-hold'],
          FLIGHT_ASSIGNMENT_URL: urls['flight-assignment'],
          TRACKING_URL: urls['tracking'],
          OIDC_TOKEN_URL: identity.tokenUrl,
          SIM_CLIENTS: JSON.stringify(
            Object.fromEntries(
              (['customs-officer', 'screener', 'ops', 'airline'] as const).map((role) => {
                const client = simulatorClient(`sim-${role}`);
                return [role, client ? { id: client.client_id, secret: client.client_secret } : undefined];
              }),
            ),
          ),
          ...(options.shipments ? { SIM_SHIPMENTS: String(options.shipments) } : {}),
          ...(options.seed !== undefined ? { SIM_SEED: String(options.seed) } : {}),
        },
        /simulator started/,
      );
      say(`✔ simulator         running (log: ${simulator.logPath})`);
    }
    return { urls, identity, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
