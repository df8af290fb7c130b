import { KafkaBroker, startKafkaBroker } from '@cargo/kafka-broker';
import { resolveDatabase, DatabaseResolution } from '@cargo/persistence';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ComponentProcess } from './component.process';
import { LauncherConfig } from './config/launcher.config';
import { assertPortsFree } from './port-check.util';

export interface LaunchedHub {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

const SERVICES = [
  { name: 'station-intake', port: 'STATION_INTAKE_PORT' },
  { name: 'customs-hold', port: 'CUSTOMS_HOLD_PORT' },
  { name: 'flight-assignment', port: 'FLIGHT_ASSIGNMENT_PORT' },
  { name: 'tracking', port: 'TRACKING_PORT' },
] as const;

/**
 * Starts the whole system on one machine: the embedded Kafka-protocol broker (durable, under
 * DATA_DIR/kafka) and embedded PostgreSQL unless KAFKA_BROKERS / DATABASE_URL point elsewhere, then
 * the four services as their own processes, then the traffic simulator. Prints one line per
 * component as it becomes ready. `stop()` takes everything down in reverse order.
 */
export async function launchHub(config: LauncherConfig, root: string, say: (line: string) => void): Promise<LaunchedHub> {
  const dataDir = resolve(root, config.DATA_DIR);
  const logDir = resolve(dataDir, 'logs');
  const host = config.HTTP_HOST;
  await assertPortsFree(host, [
    ...(config.KAFKA_BROKERS ? [] : [{ port: config.BROKER_PORT, what: 'Kafka broker', variable: 'BROKER_PORT' }]),
    ...(config.DATABASE_URL ? [] : [{ port: config.EMBEDDED_PG_PORT, what: 'embedded PostgreSQL', variable: 'EMBEDDED_PG_PORT' }]),
    ...SERVICES.map((service) => ({ port: config[service.port], what: service.name, variable: service.port })),
  ]);

  const stack: (() => Promise<void>)[] = [];
  const stop = async () => {
    while (stack.length > 0) {
      const step = stack.pop();
      await step?.().catch((error: unknown) => say(`[launcher] while stopping: ${String(error)}`));
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

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PARTITIONS: String(config.KAFKA_TOPIC_PARTITIONS),
      DATA_DIR: dataDir,
      HTTP_HOST: host,
    };
    const urls: Record<string, string> = {};
    const processes = SERVICES.map(
      (service) => new ComponentProcess(service.name, resolve(root, `dist/apps/${service.name}/src/main.js`), logDir),
    );
    for (const proc of processes) stack.push(() => proc.stop());
    await Promise.all(
      processes.map(async (proc, index) => {
        const service = SERVICES[index];
        if (!service) return;
        const match = await proc.start({ ...env, HTTP_PORT: String(config[service.port]) }, /ready on (http:\/\/\S+)/);
        urls[service.name] = match[1] ?? '';
        say(`✔ ${service.name.padEnd(17)} ready  ${urls[service.name]}  (log: ${proc.logPath})`);
      }),
    );

    const simulatorEntry = resolve(root, 'dist/apps/simulator/src/main.js');
    if (config.SIMULATOR && existsSync(simulatorEntry)) {
      const simulator = new ComponentProcess('simulator', simulatorEntry, logDir);
      stack.push(() => simulator.stop());
      await simulator.start(
        {
          ...env,
          STATION_INTAKE_URL: urls['station-intake'],
          CUSTOMS_HOLD_URL: urls['customs-hold'],
          FLIGHT_ASSIGNMENT_URL: urls['flight-assignment'],
          TRACKING_URL: urls['tracking'],
        },
        /simulator started/,
      );
      say(`✔ simulator         running (log: ${simulator.logPath})`);
    }
    return { urls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
