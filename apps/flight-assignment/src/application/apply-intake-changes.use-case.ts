import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { AssignmentReason, EventCatalog, type CargoCancelledPayload, type CargoCorrectedPayload } from '@cargo/contracts';
import { shipmentFactsFromIntake } from '../domain/shipment.model';
import { assignmentFailedPayload } from './assignment-events.mapper';
import { AssignmentEngine, effectiveFacts } from './assignment.engine';
import type { ShipmentRecord, ShipmentStatus } from './assignment-store.port';
import type { UnitOfWork } from './unit-of-work.port';

/** Past these the station's change comes too late for this service: the manifest stands, or the cargo flew. */
const SETTLED: readonly ShipmentStatus[] = ['MANIFESTED', 'DEPARTED', 'CANCELLED'];

/**
 * A station's changes of an intake (`cargo.intake.v1`), applied in the consumer's transaction (once
 * per event; in intake order, on the intake's topic and key). Lock order as everywhere: AWB lock,
 * then the capacity lock, then the row.
 *
 * - `CargoCorrected`: the shipment's facts become the corrected intake's. A booked (ASSIGNED)
 *   shipment's capacity is freed and the booking re-planned at once with the new weight and volume
 *   (`REASSIGNED` with reason `CARGO_CORRECTED` — the same flight when it still fits — or
 *   `OFFLOADED` and a wait-listing or exception); a wait-listed one is retried with the next batch;
 *   the others decide later with the corrected facts. A correction after the manifest closed (the
 *   station's view of the cut-off raced ours) changes nothing: the manifest stands.
 * - `CargoCancelled`: the shipment becomes CANCELLED (final: no batch, no customs decision books it
 *   again). A booked or manifested shipment is offloaded (`OFFLOADED`, reason `CARGO_CANCELLED`) and
 *   its capacity freed, which retries the wait-list. A departed one stays departed.
 */
@Injectable()
export class ApplyIntakeChangesUseCase {
  private readonly logger = new Logger('ApplyIntakeChanges');

  constructor(
    private readonly engine: AssignmentEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onCorrected(uow: UnitOfWork, payload: CargoCorrectedPayload): Promise<void> {
    await uow.store.lockShipment(payload.awb);
    const now = this.clock.now().getTime();
    const state = await this.engine.loadState(uow, now);
    const existing = await uow.store.getShipment(payload.awb, true);
    const facts = shipmentFactsFromIntake(payload.intake);
    if (!existing) {
      await uow.store.saveShipment({ awb: facts.awb, stationCode: facts.stationCode, facts, status: 'RECEIVED', customs: 'NONE' });
      return;
    }
    if (SETTLED.includes(existing.status)) {
      this.logger.warn(`${payload.awb}: correction v${payload.intakeVersion} arrived while ${existing.status}; nothing re-planned`);
      return;
    }
    if (existing.status !== 'ASSIGNED' || !existing.booking || !existing.facts) {
      // Decided later (batch, release, re-plan) with the corrected facts; a wait-listed one with the next batch.
      await uow.store.saveShipment({ ...existing, facts });
      if (existing.status === 'WAITLISTED') this.engine.markCapacityChanged();
      return;
    }
    const before = new Map(state.flights.entries());
    this.engine.release(state, existing);
    await this.engine.writeBooked(uow, state, before);
    const corrected = (['pieces', 'grossWeightKg', 'volumeM3'] as const)
      .filter((k) => payload.previous[k] !== payload.intake[k])
      .map((k) => `${k} ${payload.previous[k]} → ${payload.intake[k]}`)
      .join(', ');
    const replanned: ShipmentRecord = {
      ...existing,
      facts,
      status: 'PENDING',
      booking: undefined,
      replan: { fromFlightId: existing.booking.flightId, reasonCode: AssignmentReason.CARGO_CORRECTED, explanation: `Corrected at ${payload.stationCode}: ${corrected}`.slice(0, 500) },
    };
    await this.engine.decide(uow, state, [replanned], now);
    this.engine.markCapacityChanged();
  }

  async onCancelled(uow: UnitOfWork, payload: CargoCancelledPayload): Promise<void> {
    await uow.store.lockShipment(payload.awb);
    const now = this.clock.now().getTime();
    const state = await this.engine.loadState(uow, now);
    const existing = await uow.store.getShipment(payload.awb, true);
    if (!existing || existing.status === 'CANCELLED') return;
    if (existing.status === 'DEPARTED') {
      this.logger.warn(`${payload.awb}: cancelled by the station after departure; it stays departed`);
      return;
    }
    const reason = { code: AssignmentReason.CARGO_CANCELLED, explanation: `Cancelled at ${payload.stationCode}: ${payload.reason}`.slice(0, 500) };
    if (existing.booking && existing.facts) {
      const before = new Map(state.flights.entries());
      this.engine.release(state, existing);
      await this.engine.writeBooked(uow, state, before);
      await uow.events.publish(
        EventCatalog.AssignmentFailed,
        assignmentFailedPayload(effectiveFacts(existing), 'OFFLOADED', reason, now, { previousFlightId: existing.booking.flightId }),
        { cause: existing.releaseCause },
      );
      this.engine.markCapacityChanged();
    }
    await uow.store.saveShipment({
      ...existing,
      status: 'CANCELLED',
      booking: undefined,
      replan: undefined,
      retryUntil: undefined,
      nextAttemptAt: undefined,
      pendingSince: undefined,
      reason,
      decidedAt: now,
    });
  }
}
