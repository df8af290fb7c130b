import { MigrationInterface } from 'typeorm';

/** Every migration of the tracking schema, oldest first. */
export const TrackingMigrations: (new () => MigrationInterface)[] = [];
