import { Injectable } from '@nestjs/common';
import { decisionVersionOf, type AssignmentFailedPayload, type EventEnvelope, type FlightAssignedPayload } from '@cargo/contracts';
import type { StationIntakeUnitOfWork } from './station-intake.ports';

/**
 * Keeps each shipment's current leg from `flight.assignment.v1` (the dispatch list's source).
 *
 * Invariants: runs inside the idempotent consumer's transaction (a redelivered event has no second
 * effect); a decision older than the one on record (by `decisionVersion`) is ignored (see decisionSupersedes — enforced
 * atomically by ShipmentLegStore.saveIfNotOlder so concurrent deliveries cannot reorder it); an
 * OFFLOADED / WAITLISTED shipment leaves every truck until a new assignment arrives; a REASSIGNED
 * one moves to its new flight's truck.
 */
@Injectable()
export class ApplyFlightAssignmentUseCase {
  async onAssigned(envelope: EventEnvelope<FlightAssignedPayload>, uow: StationIntakeUnitOfWork): Promise<void> {
    const p = envelope.data;
    await uow.shipmentLegs.saveIfNotOlder(
      {
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
        decisionVersion: decisionVersionOf(p),
      },
      envelope.id,
    );
  }

  async onFailed(envelope: EventEnvelope<AssignmentFailedPayload>, uow: StationIntakeUnitOfWork): Promise<void> {
    const p = envelope.data;
    await uow.shipmentLegs.saveIfNotOlder(
      {
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
        decisionVersion: decisionVersionOf(p),
      },
      envelope.id,
    );
  }
}
