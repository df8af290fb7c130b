import { MigrationInterface } from 'typeorm';

/** Every migration of the flight-assignment schema, oldest first. */
export const FlightAssignmentMigrations: (new () => MigrationInterface)[] = [];
