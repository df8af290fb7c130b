import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { AssignmentReason, decisionVersionOf, EventCatalog, isNewerDecision, type CargoReceivedPayload, type CustomsHoldPlacedPayload, type CustomsReleasedPayload } from '@cargo/contracts';
import { shipmentFactsFromIntake } from '../domain/shipment.model';
import { assignmentFailedPayload } from './assignment-events.mapper';
import { AssignmentEngine, effectiveFacts } from './assignment.engine';
import type { UnitOfWork } from './unit-of-work.port';

/**
 * What this service does with the shipment events it consumes. Each method runs inside the
 * consumer's transaction (exactly once per event, see @cargo/messaging).
 *
 * - `cargo.intake.v1`: keep an own copy of the facts.
 * - `customs.release.v1` (FULL, CONDITIONAL — two-stage access lets the cargo move on — or FINAL):
 *   the shipment becomes PENDING for the next batch; a release for an AWB whose intake has not
 *   arrived yet waits for it. A release of an already booked shipment changes nothing.
 * - `customs.hold.v1`: a booked shipment is offloaded (capacity freed, OFFLOADED emitted) and held;
 *   an unbooked one is held. The freed capacity makes the wait-list retry.
 * - Holds and releases travel on two topics with no order between them: each is applied only if its
 *   `decisionVersion` is newer than the last customs decision applied to the shipment
 *   (`isNewerDecision`); an older one, late from the other topic, changes nothing.
 */
@Injectable()
export class ApplyShipmentEventsUseCase {
  constructor(
    private readonly engine: AssignmentEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onIntake(uow: UnitOfWork, payload: CargoReceivedPayload): Promise<void> {
    await uow.store.lockShipment(payload.awb);
    const existing = await uow.store.getShipment(payload.awb, true);
    const facts = shipmentFactsFromIntake(payload);
    if (!existing) {
      await uow.store.saveShipment({ awb: facts.awb, stationCode: facts.stationCode, facts, status: 'RECEIVED', customs: 'NONE' });
      return;
    }
    if (existing.facts) return;
    await uow.store.saveShipment({
      ...existing,
      facts,
      status: existing.status === 'RELEASED_AWAITING_INTAKE' ? 'PENDING' : existing.status,
      pendingSince: existing.status === 'RELEASED_AWAITING_INTAKE' ? Date.now() : existing.pendingSince,
    });
  }

  async onRelease(uow: UnitOfWork, payload: CustomsReleasedPayload): Promise<void> {
    await uow.store.lockShipment(payload.awb);
    const existing = await uow.store.getShipment(payload.awb, true);
    const customsDecisionVersion = decisionVersionOf(payload);
    if (existing && !isNewerDecision(customsDecisionVersion, existing.customsDecisionVersion)) return;
    const customs = payload.kind === 'CONDITIONAL' ? 'CONDITIONAL' : 'RELEASED';
    const releaseFacts = { cargoAircraftOnly: payload.cargoAircraftOnly, specialHandlingCodes: [...payload.specialHandlingCodes] };
    const releasedAt = Date.parse(payload.releasedAt);
    // This release is what the coming decision answers: its causation chain and trace continue there.
    const cause = uow.events.consumedCause();
    if (!existing) {
      await uow.store.saveShipment({ awb: payload.awb, stationCode: payload.stationCode, status: 'RELEASED_AWAITING_INTAKE', customs, releaseFacts, releasedAt, releaseCause: cause, customsDecisionVersion });
      return;
    }
    const waiting = existing.status === 'RECEIVED' || existing.status === 'HELD';
    const releaseCause = waiting || !existing.releaseCause ? (cause ?? existing.releaseCause) : existing.releaseCause;
    const status = !waiting ? existing.status : existing.facts ? 'PENDING' : 'RELEASED_AWAITING_INTAKE';
    await uow.store.saveShipment({
      ...existing,
      customs,
      customsDecisionVersion,
      releaseFacts,
      releasedAt,
      releaseCause,
      status,
      pendingSince: status === 'PENDING' && existing.status !== 'PENDING' ? Date.now() : existing.pendingSince,
    });
  }

  async onHold(uow: UnitOfWork, payload: CustomsHoldPlacedPayload): Promise<void> {
    await uow.store.lockShipment(payload.awb);
    const now = this.clock.now().getTime();
    // Capacity lock before reading the row: a batch deciding this shipment right now finishes first.
    // The flights are loaded only for a booked shipment (its capacity is freed).
    await uow.store.lockCapacity();
    const existing = await uow.store.getShipment(payload.awb, true);
    const customsDecisionVersion = decisionVersionOf(payload);
    if (existing && !isNewerDecision(customsDecisionVersion, existing.customsDecisionVersion)) return;
    if (!existing) {
      await uow.store.saveShipment({ awb: payload.awb, stationCode: payload.stationCode, status: 'HELD', customs: 'HELD', customsDecisionVersion });
      return;
    }
    if (existing.status === 'DEPARTED' || existing.status === 'CANCELLED') {
      // Already flown, or cancelled at the station: there is nothing left to offload; the hold stays on record.
      await uow.store.saveShipment({ ...existing, customs: 'HELD', customsDecisionVersion });
      return;
    }
    if (!existing.booking || !existing.facts) {
      await uow.store.saveShipment({ ...existing, customs: 'HELD', customsDecisionVersion, status: 'HELD', pendingSince: undefined, retryUntil: undefined });
      return;
    }
    const state = await this.engine.loadState(uow, now);
    const before = new Map(state.flights.entries());
    this.engine.release(state, existing);
    await this.engine.writeBooked(uow, state, before);
    const reasons = payload.reasons.map((r) => `${r.code}: ${r.explanation}`).join('; ');
    await uow.events.publish(
      EventCatalog.AssignmentFailed,
      assignmentFailedPayload(effectiveFacts(existing), 'OFFLOADED', { code: AssignmentReason.CUSTOMS_HOLD, explanation: `Held by customs (${reasons})`.slice(0, 500) }, now, {
        previousFlightId: existing.booking.flightId,
      }),
    );
    await uow.store.saveShipment({ ...existing, customs: 'HELD', customsDecisionVersion, status: 'HELD', booking: undefined, reason: { code: AssignmentReason.CUSTOMS_HOLD, explanation: reasons.slice(0, 500) }, decidedAt: now });
    this.engine.markCapacityChanged();
  }
}
