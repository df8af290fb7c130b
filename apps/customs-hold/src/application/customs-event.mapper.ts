import type { CustomsHoldPlacedPayload, CustomsReleasedPayload, SpecialHandlingCode } from '@cargo/contracts';
import type { CaseOutcome, CustomsCase } from '../domain/customs-case.aggregate';
import type { CustomsEventPublisher } from './customs.ports';

/**
 * Publishes what a case change tells the outside world: customs.hold.v1 or customs.release.v1, with
 * the decision's place in the case's sequence (`decisionVersion`, `supersedes`), and records the
 * event's id on the case so the next decision supersedes it. Call it before the case is saved, in
 * the same transaction.
 */
export async function publishOutcome(events: CustomsEventPublisher, customsCase: CustomsCase, outcome: CaseOutcome | undefined): Promise<void> {
  if (!outcome) return;
  const c = customsCase.snapshot();
  const order = { decisionVersion: outcome.decisionVersion, ...(outcome.supersedes ? { supersedes: outcome.supersedes } : {}) };
  if (outcome.type === 'HOLD_PLACED') {
    const payload: CustomsHoldPlacedPayload = {
      awb: c.awb,
      caseId: c.caseId,
      stationCode: c.stationCode,
      reasons: outcome.reasons.map((r) => ({ code: r.code, explanation: r.explanation })),
      placedBy: { role: outcome.actor.role, id: outcome.actor.id },
      placedAt: outcome.at,
      ...order,
    };
    customsCase.recordDecisionEvent(await events.holdPlaced(payload));
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
    ...order,
  };
  customsCase.recordDecisionEvent(await events.released(payload));
}
