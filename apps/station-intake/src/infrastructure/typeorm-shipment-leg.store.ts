import type { EntityManager } from 'typeorm';
import { ShipmentLegStore } from '../application/station-intake.ports';
import type { ShipmentLegState } from '../domain/dispatch-list.builder';
import { ShipmentLegOrmEntity } from './shipment-leg.orm-entity';
import { toLegState } from './typeorm-intake.queries';

/**
 * Shipment legs in the transaction of `manager` (the idempotent consumer's). One upsert per
 * decision; its WHERE is decisionSupersedes in SQL (the greater decision version wins; between two
 * unversioned decisions, version 0, the later decided_at), so concurrent deliveries cannot reorder it.
 */
export class TypeOrmShipmentLegStore extends ShipmentLegStore {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async saveIfNotOlder(s: ShipmentLegState, eventId: string): Promise<void> {
    const schema = (this.manager.connection.options as { schema: string }).schema;
    await this.manager.query(
      `INSERT INTO "${schema}"."shipment_leg" AS l
         ("awb", "station_code", "on_leg", "outcome", "flight_id", "flight_number", "origin", "destination",
          "departure_at", "cutoff_at", "aircraft_kind", "chargeable_weight_kg", "decided_at", "event_id", "decision_version", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
       ON CONFLICT ("awb") DO UPDATE SET
         "station_code" = EXCLUDED."station_code", "on_leg" = EXCLUDED."on_leg", "outcome" = EXCLUDED."outcome",
         "flight_id" = EXCLUDED."flight_id", "flight_number" = EXCLUDED."flight_number", "origin" = EXCLUDED."origin",
         "destination" = EXCLUDED."destination", "departure_at" = EXCLUDED."departure_at", "cutoff_at" = EXCLUDED."cutoff_at",
         "aircraft_kind" = EXCLUDED."aircraft_kind", "chargeable_weight_kg" = EXCLUDED."chargeable_weight_kg",
         "decided_at" = EXCLUDED."decided_at", "event_id" = EXCLUDED."event_id", "decision_version" = EXCLUDED."decision_version", "updated_at" = now()
       WHERE CASE
               WHEN l."decision_version" = 0 AND EXCLUDED."decision_version" = 0 THEN l."decided_at" <= EXCLUDED."decided_at"
               ELSE l."decision_version" < EXCLUDED."decision_version"
             END`,
      [s.awb, s.stationCode, s.onLeg, s.outcome, s.flightId, s.flightNumber, s.origin, s.destination, s.departureAt, s.cutoffAt, s.aircraftKind, s.chargeableWeightKg, s.decidedAt, eventId, s.decisionVersion],
    );
  }

  async find(awb: string): Promise<ShipmentLegState | undefined> {
    const row = await this.manager.getRepository(ShipmentLegOrmEntity).findOneBy({ awb });
    return row ? toLegState(row) : undefined;
  }
}
