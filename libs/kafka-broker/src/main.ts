#!/usr/bin/env node
/**
 * CLI: runs the broker until SIGTERM/SIGINT, then shuts down cleanly (closes connections, flushes
 * and closes files). Flags: see CLI_USAGE.
 */
import { CLI_USAGE, parseCliArgs } from './cli-args.util';
import { KafkaBroker } from './kafka-broker.server';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`kafka-broker: ${(err as Error).message}\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(CLI_USAGE);
    return;
  }
  const broker = await KafkaBroker.start(parsed.options);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`kafka-broker: ${signal} received, shutting down`);
    broker.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`kafka-broker: error during shutdown: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`kafka-broker: failed to start: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
