import 'reflect-metadata';
import { runMigrateMain } from '@cargo/service-runtime';
import { FlightAssignmentOrm } from './infrastructure/flight-assignment.orm-config';

/**
 * `node dist/apps/flight-assignment/src/migrate.main.js [--check | --wait]`: applies the flight-assignment schema's
 * migrations once (the deployment's migrate Job), or reports or waits for them (init containers).
 */
runMigrateMain({ name: 'flight-assignment', orm: FlightAssignmentOrm });
