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

export type ServiceName = (typeof SERVICES)[number]['name'];

/** Port distance between two replicas of a service: replica i listens on its service's port + i × this. */
export const REPLICA_PORT_STEP = 100;

interface LaunchOptions {
  /** Simulated shipments for the day. */
  shipments?: number;
  /** Clock speed: simulated seconds per real second. */
  speed: number;
  seed?: number;
  /** Where the shared clock starts on a first start (default: 06:00 in Wuhan today). */
  clockStart?: Date;
  /** Extra environment for one service (e.g. a manual clock for flight-assignment in tests). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Processes per service (default 1), all on the same broker and database, as replicas in a cluster. */
  replicas?: number;
  /** Replica i of a service listens on its port + i × this (default {@link REPLICA_PORT_STEP}); 0: any free port. */
  replicaPortStep?: number;
}

/**
 * One process of a service. Replicas share the consumer group (Kafka shares the partitions between
 * them), the database (outbox relays claim rows with SKIP LOCKED; timed work takes the tick lock)
 * and the tracking updates channel (every replica's SSE subscribers hear every change).
 */
export interface ServiceReplica {
  service: ServiceName;
  /** 0-based */
  index: number;
  /** Base URL; a restarted replica keeps its port. */
  url: string;
  logPath: string;
  readonly running: boolean;
  /** Ends the process with `signal` (default SIGKILL: a crash, no shutdown hooks). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again with the same environment and port; resolves with its URL once ready. */
  restart(): Promise<string>;
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

/** Ports of a service's replicas: its own, then + step each (0: every replica after the first on any free port). */
function replicaPorts(base: number, count: number, step: number): number[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? base : step > 0 ? base + i * step : 0));
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
  /** The first replica of each service. */
  urls: Record<string, string>;
  /** Every replica of each service. */
  replicas: Record<ServiceName, ServiceReplica[]>;
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
 * the four services as their own processes (`replicas` of each, sharing broker and database as a
 * cluster's replicas do), then the traffic simulator (talking to the first replica of each).
 * Prints one line per component as it becomes ready. `stop()` takes everything down in reverse order.
 */
export async function launchHub(
  config: LauncherConfig,
  root: string,
  say: (line: string) => void,
  options: LaunchOptions = { speed: 60 },
): Promise<LaunchedHub> {
  const host = config.HTTP_HOST;
  const replicaCount = options.replicas ?? 1;
  if (!Number.isInteger(replicaCount) || replicaCount < 1) throw new Error(`replicas must be a whole number ≥ 1, got ${replicaCount}`);
  const portStep = options.replicaPortStep ?? REPLICA_PORT_STEP;
  await assertPortsFree(host, [
    ...(config.KAFKA_BROKERS ? [] : [{ port: config.BROKER_PORT, what: 'Kafka broker', variable: 'BROKER_PORT' }]),
    ...(config.DATABASE_URL ? [] : [{ port: config.EMBEDDED_PG_PORT, what: 'embedded PostgreSQL', variable: 'EMBEDDED_PG_PORT' }]),
    ...(config.OIDC_ISSUER ? [] : [{ port: config.IDENTITY_PORT, what: 'embedded OpenID provider', variable: 'IDENTITY_PORT' }]),
    ...SERVICES.flatMap((service) =>
      replicaPorts(config[service.port], replicaCount, portStep).map((port, index) => ({
        port,
        what: index === 0 ? service.name : `${service.name} replica ${index + 1}`,
        variable: index === 0 ? service.port : `${service.port} (replica ${index + 1} = ${service.port} + ${index * portStep})`,
      })).filter((wanted) => wanted.port !== 0),
    ),
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
    const replicas = Object.fromEntries(SERVICES.map((service) => [service.name, [] as ServiceReplica[]])) as Record<ServiceName, ServiceReplica[]>;
    const starting: Promise<void>[] = [];
    for (const service of SERVICES) {
      replicaPorts(config[service.port], replicaCount, portStep).forEach((port, index) => {
        const label = replicaCount > 1 ? `${service.name}-${index + 1}` : service.name;
        const proc = new ComponentProcess(label, resolve(root, `dist/apps/${service.name}/src/main.js`), logDir);
        stack.push(() => proc.stop());
        const replicaEnv: NodeJS.ProcessEnv = { ...env, ...(options.serviceEnv?.[service.name] ?? {}) };
        let listenPort = port;
        const startReplica = async (): Promise<string> => {
          const match = await proc.start({ ...replicaEnv, HTTP_PORT: String(listenPort) }, /ready on (http:\/\/\S+)/);
          const url = match[1] ?? '';
          listenPort = Number(new URL(url).port);
          return url;
        };
        const replica: ServiceReplica = {
          service: service.name,
          index,
          url: '',
          logPath: proc.logPath,
          get running() {
            return proc.running;
          },
          kill: (signal) => proc.kill(signal),
          restart: async () => {
            replica.url = await startReplica();
            return replica.url;
          },
        };
        replicas[service.name].push(replica);
        starting.push(
          startReplica().then((url) => {
            replica.url = url;
            if (index === 0) urls[service.name] = url;
            say(`✔ ${label.padEnd(replicaCount > 1 ? 19 : 17)} ready  ${url}  (log: ${proc.logPath})`);
          }),
        );
      });
    }
    await Promise.all(starting);

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
    return { urls, replicas, identity, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
