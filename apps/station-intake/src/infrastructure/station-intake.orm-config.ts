import { HandlingScanOrmEntity } from './handling-scan.orm-entity';
import { IntakeOrmEntity } from './intake.orm-entity';
import { StationIntakeMigrations } from './migrations';
import { ShipmentLegOrmEntity } from './shipment-leg.orm-entity';
import { StationApiKeyAuditOrmEntity, StationApiKeyOrmEntity } from './station-api-key.orm-entity';

/** What the station-intake service keeps in PostgreSQL: its own schema, entities and migrations. */
export const StationIntakeOrm = {
  schema: 'station_intake',
  entities: [IntakeOrmEntity, HandlingScanOrmEntity, StationApiKeyOrmEntity, StationApiKeyAuditOrmEntity, ShipmentLegOrmEntity],
  migrations: StationIntakeMigrations,
};
