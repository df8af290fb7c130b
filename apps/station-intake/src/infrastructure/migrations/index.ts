import { MigrationInterface } from 'typeorm';

/** Every migration of the station-intake schema, oldest first. */
export const StationIntakeMigrations: (new () => MigrationInterface)[] = [];
