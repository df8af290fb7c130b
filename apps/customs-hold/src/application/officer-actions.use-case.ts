import { Injectable } from '@nestjs/common';
import { Awb, type ReleaseKind } from '@cargo/contracts';
import type { CaseOutcome, CaseSnapshot, CustomsCase, ExaminationResult } from '../domain/customs-case.aggregate';
import { CustomsError, CustomsErrorCode } from '../domain/customs.error';
import { assertMayAct, type Actor, type OfficerAction } from '../domain/officer-permission.policy';
import { publishOutcome } from './customs-event.mapper';
import { Clock } from '@cargo/service-runtime';
import { CaseQueries, CustomsTransactionRunner, type CaseView, type OpenHoldsFilter } from './customs.ports';

export interface OfficerActionResult {
  case: CaseSnapshot;
  /** The event the action caused, if any. */
  emitted?: { type: 'HOLD_PLACED' | 'RELEASED'; kind?: ReleaseKind };
}

/**
 * What officers do on a case. Each action: role check, then one transaction that locks the case,
 * applies the domain change (with its audit entries: who, role, when, why) and writes the resulting
 * customs.hold.v1 / customs.release.v1 to the outbox.
 */
@Injectable()
export class OfficerActionsUseCase {
  constructor(
    private readonly transactions: CustomsTransactionRunner,
    private readonly queries: CaseQueries,
    private readonly clock: Clock,
  ) {}

  listOpenHolds(actor: Actor, filter: OpenHoldsFilter): Promise<CaseSnapshot[]> {
    assertMayAct(actor, 'VIEW');
    return this.queries.listOpenHolds(filter, this.clock.now());
  }

  async getCase(actor: Actor, awb: string): Promise<CaseView> {
    assertMayAct(actor, 'VIEW');
    const view = await this.queries.getByAwb(canonical(awb));
    if (!view) throw notFound(awb);
    return view;
  }

  release(actor: Actor, awb: string, kind: ReleaseKind, why: string): Promise<OfficerActionResult> {
    return this.act(actor, 'RELEASE', awb, (c, at) => c.release(kind, actor, why, at));
  }

  placeManualHold(actor: Actor, awb: string, why: string): Promise<OfficerActionResult> {
    return this.act(actor, 'MANUAL_HOLD', awb, (c, at) => c.placeManualHold(actor, why, at));
  }

  recordScreeningResult(actor: Actor, awb: string, result: ExaminationResult, finding: string | undefined, why: string): Promise<OfficerActionResult> {
    return this.act(actor, 'SCREENING_RESULT', awb, (c, at) => c.recordScreeningResult(result, finding, actor, why, at));
  }

  recordLabResult(actor: Actor, awb: string, result: ExaminationResult, finding: string | undefined, why: string): Promise<OfficerActionResult> {
    return this.act(actor, 'LAB_RESULT', awb, (c, at) => c.recordLabResult(result, finding, actor, why, at));
  }

  private async act(
    actor: Actor,
    action: OfficerAction,
    awb: string,
    change: (c: CustomsCase, at: Date) => CaseOutcome | undefined,
  ): Promise<OfficerActionResult> {
    assertMayAct(actor, action);
    const key = canonical(awb);
    return this.transactions.run(async (uow) => {
      const customsCase = await uow.cases.findByAwb(key, { forUpdate: true });
      if (!customsCase) throw notFound(key);
      const outcome = change(customsCase, this.clock.now());
      await publishOutcome(uow.events, customsCase, outcome);
      await uow.cases.update(customsCase);
      const snapshot = customsCase.snapshot();
      const emitted = outcome ? { type: outcome.type, kind: outcome.type === 'RELEASED' ? outcome.kind : undefined } : undefined;
      return { case: snapshot, emitted };
    });
  }
}

function canonical(awb: string): string {
  try {
    return Awb.parse(awb).toString();
  } catch {
    throw new CustomsError(CustomsErrorCode.INVALID_REQUEST, `"${awb}" is not an AWB`, [
      { field: 'awb', message: 'awb must be an air waybill number such as 784-12345675 (check digit = serial mod 7)' },
    ]);
  }
}

function notFound(awb: string): CustomsError {
  return new CustomsError(CustomsErrorCode.CASE_NOT_FOUND, `No customs case for AWB ${awb} (no intake received)`);
}
