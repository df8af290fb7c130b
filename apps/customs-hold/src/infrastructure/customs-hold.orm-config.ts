import { CustomsHoldMigrations } from './migrations';

/** What the customs-hold service keeps in PostgreSQL: its own schema, entities and migrations. */
export const CustomsHoldOrm = {
  schema: 'customs_hold',
  entities: [],
  migrations: CustomsHoldMigrations,
};
