import type { CustomsHoldPlacedPayload, CustomsReleasedPayload, SpecialHandlingCode } from '@cargo/contracts';
import type { CaseOutcome, CaseSnapshot } from '../domain/customs-case.aggregate';
import type { CustomsEventPublisher } from './customs.ports';

/** Publishes what a case change tells the outside world: customs.hold.v1 or customs.release.v1. */
export async function publishOutcome(events: CustomsEventPublisher, c: CaseSnapshot, outcome: CaseOutcome | undefined): Promise<void> {
  if (!outcome) return;
  if (outcome.type === 'HOLD_PLACED') {
    const payload: CustomsHoldPlacedPayload = {
      awb: c.awb,
      caseId: c.caseId,
      stationCode: c.stationCode,
      reasons: outcome.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
      placedBy: { role: outcome.actor.role, id: outcome.actor.id },
      placedAt: outcome.at,
    };
    await events.holdPlaced(payload);
    return;
  }
  const payload: CustomsReleasedPayload = {
    awb: c.awb,
    caseId: c.caseId,
    stationCode: c.stationCode,
    kind: outcome.kind,
    reasons: outcome.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
    cargoAircraftOnly: c.cargoAircraftOnly,
    specialHandlingCodes: c.specialHandlingCodes as SpecialHandlingCode[],
    priority: c.priority,
    postReleaseCheck: c.postReleaseCheck,
    releasedBy: { role: outcome.actor.role, id: outcome.actor.id },
    releasedAt: outcome.at,
  };
  await events.released(payload);
}
