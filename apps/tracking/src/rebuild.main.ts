import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resolveDatabase } from '@cargo/persistence';
import { ClockModule, clockFromConfig, createServiceRegistry, loadConfig, MetricsModule, MigrationPolicyModule } from '@cargo/service-runtime';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { TrackingConfig } from './config/tracking.config';
import { TrackingRebuildRunner } from './infrastructure/kafka/tracking-rebuild.runner';

/** Root of the rebuild's application context: the service's module with the globals `startService` gives it (clock, migration policy, metrics registry). */
@Module({})
class TrackingRebuildModule {}

/**
 * `nx run tracking:rebuild`: drops the tracking read model and rebuilds it by replaying the six
 * topics from the beginning (same environment variables as the service). Prints the report as one
 * JSON line (records per topic, applied, dead-lettered, shipments, duration, events per second).
 */
async function main(): Promise<void> {
  const config = loadConfig(TrackingConfig, { ...process.env, TRACKING_CONSUME: 'false' });
  const database = await resolveDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: resolve(config.DATA_DIR, 'postgres'),
    embeddedPort: config.EMBEDDED_PG_PORT,
    log: (line) => Logger.log(line, 'database'),
  });
  const root = {
    module: TrackingRebuildModule,
    imports: [
      ClockModule.forRoot(clockFromConfig(config)),
      MigrationPolicyModule.forRoot(config.MIGRATE_AT_BOOT === 'true'),
      MetricsModule.forRoot(createServiceRegistry('tracking')),
      AppModule.forRoot(config, database.url),
    ],
  };
  const app = await NestFactory.createApplicationContext(root, { logger: ['error', 'warn', 'log'] });
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
