import { Inject, Injectable } from '@nestjs/common';
import { hubLocalDate, type CargoReceivedPayload } from '@cargo/contracts';
import { CustomsCase } from '../domain/customs-case.aggregate';
import { decideIntake } from '../domain/customs-decision.rules';
import type { CustomsRulesConfig } from '../domain/customs-rules.config';
import { publishOutcome } from './customs-event.mapper';
import { Clock } from '@cargo/service-runtime';
import { ReferenceDataPort, type CustomsUnitOfWork } from './customs.ports';

export const CUSTOMS_RULES_CONFIG = Symbol('CUSTOMS_RULES_CONFIG');

/** Case id: station, Beijing date of receipt and AWB digits; one case per AWB, so stable across redeliveries. */
export function caseIdFor(awb: string, stationCode: string, receivedAt: string): string {
  return `CASE-${stationCode}-${hubLocalDate(receivedAt).replaceAll('-', '')}-${awb.replace('-', '')}`;
}

/**
 * Cargo received → open the AWB's case with the rules' decision and publish the first hold or
 * release, in the caller's transaction.
 *
 * Invariants: one case per AWB; another intake event for an AWB with a case only adds an audit
 * entry (no second case, no second event). Redeliveries of the same event never reach this use
 * case (the idempotent consumer dedups them by event id).
 */
@Injectable()
export class RegisterIntakeUseCase {
  constructor(
    private readonly referenceData: ReferenceDataPort,
    private readonly clock: Clock,
    @Inject(CUSTOMS_RULES_CONFIG) private readonly config: CustomsRulesConfig,
  ) {}

  async execute(payload: CargoReceivedPayload, eventId: string, uow: CustomsUnitOfWork): Promise<void> {
    const now = this.clock.now();
    const existing = await uow.cases.findByAwb(payload.awb, { forUpdate: true });
    if (existing) {
      existing.noteRepeatedIntake(eventId, now);
      await uow.cases.update(existing);
      return;
    }
    const decision = decideIntake({
      cargo: payload,
      shipperCreditGrade: this.referenceData.creditGradeOf(payload.shipper.id),
      dgRegistry: this.referenceData.dgRegistry(),
      config: this.config,
      now,
    });
    const { customsCase, outcome } = CustomsCase.open({
      caseId: caseIdFor(payload.awb, payload.stationCode, payload.receivedAt),
      awb: payload.awb,
      stationCode: payload.stationCode,
      shipperId: payload.shipper.id,
      commodityCategory: payload.commodity.category,
      specialHandlingCodes: payload.specialHandlingCodes,
      receivedAt: new Date(payload.receivedAt).toISOString(),
      decision,
      at: now,
    });
    await publishOutcome(uow.events, customsCase, outcome);
    await uow.cases.insert(customsCase);
  }
}
