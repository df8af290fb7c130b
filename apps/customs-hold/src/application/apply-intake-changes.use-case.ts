import { Inject, Injectable } from '@nestjs/common';
import type { CargoCancelledPayload, CargoCorrectedPayload, CargoReceivedPayload } from '@cargo/contracts';
import { Clock } from '@cargo/service-runtime';
import { decideIntake, type CustomsDecision } from '../domain/customs-decision.rules';
import type { CustomsRulesConfig } from '../domain/customs-rules.config';
import { publishOutcome } from './customs-event.mapper';
import { ReferenceDataPort, type CustomsUnitOfWork } from './customs.ports';
import { CUSTOMS_RULES_CONFIG } from './register-intake.use-case';

/**
 * A station's changes of an intake, applied to the AWB's case in the consumer's transaction:
 * - `CargoCorrected`: the control rules run on the intake with the previous and with the corrected
 *   figures, at the same moment and against the same registries, and the case applies the difference
 *   (`CustomsCase.reevaluate`); a new hold or a release is published like any decision.
 * - `CargoCancelled`: the case is closed (`CustomsCase.close`); nothing is published.
 *
 * Invariants: an AWB without a case (no intake applied) is left alone; both are applied once per
 * event (the idempotent consumer), and in intake order (same topic and key as the intake).
 */
@Injectable()
export class ApplyIntakeChangesUseCase {
  constructor(
    private readonly referenceData: ReferenceDataPort,
    private readonly clock: Clock,
    @Inject(CUSTOMS_RULES_CONFIG) private readonly config: CustomsRulesConfig,
  ) {}

  async onCorrected(payload: CargoCorrectedPayload, uow: CustomsUnitOfWork): Promise<void> {
    const customsCase = await uow.cases.findByAwb(payload.awb, { forUpdate: true });
    if (!customsCase) return;
    const now = this.clock.now();
    const before = this.decide({ ...payload.intake, ...payload.previous }, now);
    const after = this.decide(payload.intake, now);
    const corrected = { pieces: payload.intake.pieces, grossWeightKg: payload.intake.grossWeightKg, volumeM3: payload.intake.volumeM3 };
    const change = { intakeVersion: payload.intakeVersion, previous: { ...payload.previous }, corrected, correctedBy: payload.correctedBy, reason: payload.reason };
    const outcome = customsCase.reevaluate(before, after, change, now);
    await publishOutcome(uow.events, customsCase, outcome);
    await uow.cases.update(customsCase);
  }

  async onCancelled(payload: CargoCancelledPayload, uow: CustomsUnitOfWork): Promise<void> {
    const customsCase = await uow.cases.findByAwb(payload.awb, { forUpdate: true });
    if (!customsCase) return;
    customsCase.close(payload.cancelledBy, payload.reason, this.clock.now());
    if (customsCase.pendingAudit().length > 0) await uow.cases.update(customsCase);
  }

  private decide(cargo: CargoReceivedPayload, now: Date): CustomsDecision {
    return decideIntake({
      cargo,
      shipperCreditGrade: this.referenceData.creditGradeOf(cargo.shipper.id),
      dgRegistry: this.referenceData.dgRegistry(),
      config: this.config,
      now,
    });
  }
}
