import { StationIntakeMigrations } from './migrations';

/** What the station-intake service keeps in PostgreSQL: its own schema, entities and migrations. */
export const StationIntakeOrm = {
  schema: 'station_intake',
  entities: [],
  migrations: StationIntakeMigrations,
};
