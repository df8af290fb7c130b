import 'reflect-metadata';
import { runMigrateMain } from '@cargo/service-runtime';
import { CustomsHoldOrm } from './infrastructure/customs-hold.orm-config';

/**
 * `node dist/apps/customs-hold/src/migrate.main.js [--check | --wait]`: applies the customs-hold schema's
 * migrations once (the deployment's migrate Job), or reports or waits for them (init containers).
 */
runMigrateMain({ name: 'customs-hold', orm: CustomsHoldOrm });
