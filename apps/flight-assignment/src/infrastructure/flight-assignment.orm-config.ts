import { MESSAGING_ENTITIES } from '@cargo/messaging';
import { FlightOrmEntity } from './flight.orm-entity';
import { ManifestOrmEntity } from './manifest.orm-entity';
import { FlightAssignmentMigrations } from './migrations';
import { ShipmentOrmEntity } from './shipment.orm-entity';

/** What the flight-assignment service keeps in PostgreSQL: its own schema, entities and migrations. */
export const FlightAssignmentOrm = {
  schema: 'flight_assignment',
  entities: [FlightOrmEntity, ShipmentOrmEntity, ManifestOrmEntity, ...MESSAGING_ENTITIES],
  migrations: FlightAssignmentMigrations,
};
