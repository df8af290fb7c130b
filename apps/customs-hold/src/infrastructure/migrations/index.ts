import { MigrationInterface } from 'typeorm';

/** Every migration of the customs-hold schema, oldest first. */
export const CustomsHoldMigrations: (new () => MigrationInterface)[] = [];
