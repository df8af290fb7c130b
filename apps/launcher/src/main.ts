import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '@cargo/service-runtime';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LauncherConfig } from './config/launcher.config';
import { launchHub } from './hub.launcher';

const root = resolve(__dirname, '../../../..');
const say = (line: string) => console.log(line);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { shipments: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' }, replicas: { type: 'string' }, 'no-simulator': { type: 'boolean' } },
    strict: true,
  });
  const config = loadConfig(LauncherConfig, { ...process.env, ...(values['no-simulator'] ? { SIMULATOR: 'false' } : {}) });
  const number = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${flag} must be a positive number, got ${JSON.stringify(value)}`);
    return parsed;
  };
  const replicas = number('replicas', values.replicas) ?? 1;
  if (!Number.isInteger(replicas) || replicas > 8) throw new Error(`--replicas must be a whole number from 1 to 8, got ${values.replicas}`);
  say(`Starting the Wuhan air-cargo hub${replicas > 1 ? ` with ${replicas} replicas of each service` : ''} (Ctrl-C stops everything)…`);
  const hub = await launchHub(config, root, say, {
    shipments: number('shipments', values.shipments),
    speed: number('speed', values.speed) ?? 60,
    seed: number('seed', values.seed),
    replicas,
  });
  say('');
  say(`Ready. Dashboard:  ${hub.urls['tracking']}/`);
  if (hub.identity.clients.length > 0) {
    say(`  Tokens (OAuth 2.0 client credentials) from ${hub.identity.tokenUrl}; secrets in ${resolve(root, config.DATA_DIR, 'identity', 'clients.json')}:`);
    for (const client of hub.identity.clients.filter((c) => c.client_id.startsWith('demo-'))) say(`    ${client.client_id.padEnd(22)} ${client.description}`);
    say(`  e.g.  curl -s -u demo-ops:<secret> -d grant_type=client_credentials ${hub.identity.tokenUrl}`);
    say(`        then  curl -H "Authorization: Bearer <access_token>" ${hub.urls['tracking']}/v1/kpis`);
  }
  for (const [name, url] of Object.entries(hub.urls)) say(`  API docs (${name}): ${url}/docs`);
  if (replicas > 1) {
    for (const [name, list] of Object.entries(hub.replicas)) say(`  Replicas (${name}): ${list.map((r) => r.url).join('  ')}`);
    say('  (one consumer group per service shares the partitions; timed work runs once per tick; every tracking replica streams every change; the simulator talks to the first replica)');
  }
  for (const [name, url] of Object.entries(hub.urls)) say(`  Metrics  (${name}): ${url}/metrics (Prometheus text)`);
  const otlp = process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  say(otlp ? `  Traces: exported to ${otlp} (OTLP over HTTP)` : '  Traces: not exported (set OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://localhost:4318, to send them to a collector or Jaeger)');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    hub.stop().then(
      () => {
        say('Stopped. Data kept in ' + resolve(root, config.DATA_DIR));
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) console.error(error.message);
  else console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
