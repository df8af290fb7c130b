import { OutboxMessageOrmEntity, ProcessedEventOrmEntity } from '@cargo/messaging';
import { TrackingMigrations } from './migrations';
import { FlightOrmEntity } from './persistence/flight.orm-entity';
import { ShipmentOrmEntity } from './persistence/shipment.orm-entity';
import { TimelineEventOrmEntity } from './persistence/timeline-event.orm-entity';

/** What the tracking service keeps in PostgreSQL: its own schema, entities and migrations. */
export const TrackingOrm = {
  schema: 'tracking',
  entities: [TimelineEventOrmEntity, ShipmentOrmEntity, FlightOrmEntity, OutboxMessageOrmEntity, ProcessedEventOrmEntity],
  migrations: TrackingMigrations,
};
