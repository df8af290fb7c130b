import { TrackingMigrations } from './migrations';

/** What the tracking service keeps in PostgreSQL: its own schema, entities and migrations. */
export const TrackingOrm = {
  schema: 'tracking',
  entities: [],
  migrations: TrackingMigrations,
};
