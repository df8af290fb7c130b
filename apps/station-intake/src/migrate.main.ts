import 'reflect-metadata';
import { runMigrateMain } from '@cargo/service-runtime';
import { StationIntakeOrm } from './infrastructure/station-intake.orm-config';

/**
 * `node dist/apps/station-intake/src/migrate.main.js [--check | --wait]`: applies the station-intake schema's
 * migrations once (the deployment's migrate Job), or reports or waits for them (init containers).
 */
runMigrateMain({ name: 'station-intake', orm: StationIntakeOrm });
