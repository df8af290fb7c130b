import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '@cargo/service-runtime';
import { resolve } from 'node:path';
import { LauncherConfig } from './config/launcher.config';
import { launchHub } from './hub.launcher';

const root = resolve(__dirname, '../../../..');
const say = (line: string) => console.log(line);

async function main(): Promise<void> {
  const config = loadConfig(LauncherConfig);
  say('Starting the Wuhan air-cargo hub (Ctrl-C stops everything)…');
  const hub = await launchHub(config, root, say);
  say('');
  say(`Ready. Dashboard:  ${hub.urls['tracking']}/`);
  for (const [name, url] of Object.entries(hub.urls)) say(`  API docs (${name}): ${url}/docs`);
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
