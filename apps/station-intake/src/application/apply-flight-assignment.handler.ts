import { Injectable } from '@nestjs/common';
import type { AssignmentFailedPayload, EventEnvelope, FlightAssignedPayload } from '@cargo/contracts';
import type { MessagingTransaction } from '@cargo/messaging';
import type { ShipmentLegState } from '../domain/dispatch';

/**
 * Keeps each shipment's current leg from `flight.assignment.v1` (the dispatch list's source).
 *
 * Invariants: runs inside the idempotent consumer's transaction (a redelivered event has no second
 * effect); a decision older than the one on record is ignored (see decisionSupersedes — enforced in
 * the upsert's WHERE so concurrent deliveries cannot reorder it); an OFFLOADED / WAITLISTED shipment
 * leaves every truck until a new assignment arrives; a REASSIGNED one moves to its new flight's truck.
 */
@Injectable()
export class ApplyFlightAssignmentHandler {
  async onAssigned(envelope: EventEnvelope<FlightAssignedPayload>, tx: MessagingTransaction): Promise<void> {
    const p = envelope.data;
    await this.upsert(tx, envelope.id, {
      awb: p.awb,
      stationCode: p.stationCode,
      onLeg: true,
      outcome: p.outcome,
      flightId: p.flightId,
      flightNumber: p.flightNumber,
      origin: p.origin,
      destination: p.destination,
      departureAt: new Date(p.departureAt),
      cutoffAt: new Date(p.cutoffAt),
      aircraftKind: p.aircraftKind,
      chargeableWeightKg: p.chargeableWeightKg,
      decidedAt: new Date(p.decidedAt),
    });
  }

  async onFailed(envelope: EventEnvelope<AssignmentFailedPayload>, tx: MessagingTransaction): Promise<void> {
    const p = envelope.data;
    await this.upsert(tx, envelope.id, {
      awb: p.awb,
      stationCode: p.stationCode,
      onLeg: false,
      outcome: p.outcome,
      flightId: null,
      flightNumber: null,
      origin: null,
      destination: p.destination ?? null,
      departureAt: null,
      cutoffAt: null,
      aircraftKind: null,
      chargeableWeightKg: p.chargeableWeightKg,
      decidedAt: new Date(p.decidedAt),
    });
  }

  private async upsert(tx: MessagingTransaction, eventId: string, s: ShipmentLegState): Promise<void> {
    const schema = (tx.manager.connection.options as { schema: string }).schema;
    await tx.manager.query(
      `INSERT INTO "${schema}"."shipment_leg" AS l
         ("awb", "station_code", "on_leg", "outcome", "flight_id", "flight_number", "origin", "destination",
          "departure_at", "cutoff_at", "aircraft_kind", "chargeable_weight_kg", "decided_at", "event_id", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
       ON CONFLICT ("awb") DO UPDATE SET
         "station_code" = EXCLUDED."station_code", "on_leg" = EXCLUDED."on_leg", "outcome" = EXCLUDED."outcome",
         "flight_id" = EXCLUDED."flight_id", "flight_number" = EXCLUDED."flight_number", "origin" = EXCLUDED."origin",
         "destination" = EXCLUDED."destination", "departure_at" = EXCLUDED."departure_at", "cutoff_at" = EXCLUDED."cutoff_at",
         "aircraft_kind" = EXCLUDED."aircraft_kind", "chargeable_weight_kg" = EXCLUDED."chargeable_weight_kg",
         "decided_at" = EXCLUDED."decided_at", "event_id" = EXCLUDED."event_id", "updated_at" = now()
       WHERE l."decided_at" <= EXCLUDED."decided_at"`,
      [s.awb, s.stationCode, s.onLeg, s.outcome, s.flightId, s.flightNumber, s.origin, s.destination, s.departureAt, s.cutoffAt, s.aircraftKind, s.chargeableWeightKg, s.decidedAt, eventId],
    );
  }
}
