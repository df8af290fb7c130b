import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resolveDatabase } from '@cargo/persistence';
import { loadConfig } from '@cargo/service-runtime';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { TrackingConfig } from './config/tracking.config';
import { TrackingRebuildRunner } from './infrastructure/kafka/tracking-rebuild.runner';

/**
 * `nx run tracking:rebuild`: drops the tracking read model and rebuilds it by replaying the six
 * topics from the beginning (same environment variables as the service).
 */
async function main(): Promise<void> {
  const config = loadConfig(TrackingConfig, { ...process.env, TRACKING_CONSUME: 'false' });
  const database = await resolveDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: resolve(config.DATA_DIR, 'postgres'),
    embeddedPort: config.EMBEDDED_PG_PORT,
    log: (line) => Logger.log(line, 'database'),
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url), { logger: ['error', 'warn', 'log'] });
  try {
    const report = await app.get(TrackingRebuildRunner).rebuild();
    console.log(JSON.stringify(report));
  } finally {
    await app.close();
    if (database.owned) await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[tracking] rebuild failed:', error);
    process.exit(1);
  },
);
