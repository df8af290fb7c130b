import 'reflect-metadata';
import { runMigrateMain } from '@cargo/service-runtime';
import { TrackingOrm } from './infrastructure/tracking.orm-config';

/**
 * `node dist/apps/tracking/src/migrate.main.js [--check | --wait]`: applies the tracking schema's
 * migrations once (the deployment's migrate Job), or reports or waits for them (init containers).
 */
runMigrateMain({ name: 'tracking', orm: TrackingOrm });
