import { FlightAssignmentMigrations } from './migrations';

/** What the flight-assignment service keeps in PostgreSQL: its own schema, entities and migrations. */
export const FlightAssignmentOrm = {
  schema: 'flight_assignment',
  entities: [],
  migrations: FlightAssignmentMigrations,
};
