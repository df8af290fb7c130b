import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Awb, CargoCancelledEvent, CargoCorrectedEvent, type CargoCancelledPayload, type CargoCorrectedPayload } from '@cargo/contracts';
import { Clock } from '@cargo/service-runtime';
import { StationIntakeConfig } from '../config/station-intake.config';
import { CANCELLED_STATUS, decideCancellation, decideCorrection, type MeasuredQuantities } from '../domain/intake-change.rules';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { validateIntakeInput } from './intake-input.validator';
import { intakeLimitsFrom } from './intake-rule-context.factory';
import { toIntakeView, type IntakeView } from './intake.view';
import { IntakeQueries, StationIntakeTransactionRunner, type IntakeChangeEntry, type IntakeRecord, type StationIntakeUnitOfWork } from './station-intake.ports';

type ChangeResult = { outcome: 'CHANGED' | 'REPLAYED'; intake: IntakeView };

/** What a station asks to correct: any of pieces, gross weight and volume, and why. */
export interface CorrectionRequest extends Partial<MeasuredQuantities> {
  reason: string;
}

/** An intake change as the API shows it (the audit entry). */
export interface IntakeChangeView {
  action: IntakeChangeEntry['action'];
  actor: string;
  at: string;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  eventId: string;
  intakeVersion: number;
}

/**
 * A station corrects (pieces, gross weight, volume) or cancels one of its intakes.
 *
 * Invariants:
 * - Who: the verified subject of the caller's credential, recorded in the audit entry and on the event.
 * - Each change is one transaction: the intake row (locked, so changes of one AWB serialise), its
 *   audit entry and its `CargoCorrected`/`CargoCancelled` event commit together or not at all.
 * - A refused change (unknown or another station's AWB, invalid, too late) writes nothing; a repeat
 *   of a change already made (the same figures, a second cancellation) answers `REPLAYED` and
 *   writes nothing.
 * - Every change gets the next `intakeVersion` and supersedes the intake's latest event; the
 *   corrected intake must still pass the intake rules (limits, density, house waybills).
 * - Times come from the shared clock.
 */
@Injectable()
export class ChangeIntakeUseCase {
  constructor(
    @Inject(StationIntakeTransactionRunner) private readonly transactions: StationIntakeTransactionRunner,
    @Inject(IntakeQueries) private readonly queries: IntakeQueries,
    @Inject(StationIntakeConfig) private readonly config: StationIntakeConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async correct(stationCode: string, awbText: string, request: CorrectionRequest, actor: string): Promise<ChangeResult> {
    const awb = canonical(awbText);
    if (request.pieces === undefined && request.grossWeightKg === undefined && request.volumeM3 === undefined) {
      throw new StationIntakeError(StationIntakeErrorCodes.CorrectionInvalid, 'A correction gives pieces, grossWeightKg or volumeM3; nothing was changed.', [
        { field: '', message: 'give at least one of pieces, grossWeightKg, volumeM3' },
      ]);
    }
    return this.transactions.run(async (uow) => {
      const intake = await this.lockedIntake(uow, stationCode, awb);
      const now = this.clock.now();
      const decision = decideCorrection(
        { awb, cancelled: intake.status === CANCELLED_STATUS, pieces: intake.pieces, grossWeightKg: intake.grossWeightKg, volumeM3: Number(intake.content['volumeM3']) },
        request,
        { leg: await uow.shipmentLegs.find(awb), now },
      );
      if (decision.kind === 'UNCHANGED') return { outcome: 'REPLAYED', intake: toIntakeView(intake) };
      const checked = await validateIntakeInput({ ...intake.content, ...decision.next }, stationCode, intakeLimitsFrom(this.config), now);
      if (!checked.ok) {
        throw new StationIntakeError(StationIntakeErrorCodes.CorrectionInvalid, 'The corrected intake would not be valid; nothing was changed.', checked.errors);
      }
      const eventId = randomUUID();
      const intakeVersion = intake.intakeVersion + 1;
      const payload: CargoCorrectedPayload = Object.assign(new CargoCorrectedEvent.payload(), {
        awb,
        stationCode,
        intakeVersion,
        supersedes: intake.lastEventId ?? intake.eventId,
        previous: decision.previous,
        intake: checked.payload,
        reason: request.reason,
        correctedBy: actor,
        correctedAt: now.toISOString(),
        recordedAt: now.toISOString(),
      });
      const content = JSON.parse(JSON.stringify(checked.payload)) as Record<string, unknown>;
      await uow.intakes.applyCorrection(awb, { content, pieces: decision.next.pieces, grossWeightKg: decision.next.grossWeightKg, intakeVersion, lastEventId: eventId });
      await uow.intakes.recordChange({ awb, stationCode, action: 'CORRECTED', actor, at: now, reason: request.reason, before: { ...decision.previous }, after: { ...decision.next }, eventId, intakeVersion });
      // Caused by the request, not by an event; correlated with the shipment's intake.
      await uow.events.cargoCorrected(payload, { id: eventId, correlationId: intake.eventId });
      return { outcome: 'CHANGED', intake: toIntakeView(await uow.intakes.getByAwb(awb)) };
    });
  }

  async cancel(stationCode: string, awbText: string, reason: string, actor: string): Promise<ChangeResult> {
    const awb = canonical(awbText);
    return this.transactions.run(async (uow) => {
      const intake = await this.lockedIntake(uow, stationCode, awb);
      const decision = decideCancellation({ awb, cancelled: intake.status === CANCELLED_STATUS }, await uow.scans.codesOf(awb));
      if (decision.kind === 'ALREADY_CANCELLED') return { outcome: 'REPLAYED', intake: toIntakeView(intake) };
      const now = this.clock.now();
      const eventId = randomUUID();
      const intakeVersion = intake.intakeVersion + 1;
      const payload: CargoCancelledPayload = Object.assign(new CargoCancelledEvent.payload(), {
        awb,
        stationCode,
        intakeVersion,
        supersedes: intake.lastEventId ?? intake.eventId,
        reason,
        cancelledBy: actor,
        cancelledAt: now.toISOString(),
        recordedAt: now.toISOString(),
      });
      await uow.intakes.applyCancellation(awb, { cancelledAt: now, intakeVersion, lastEventId: eventId });
      await uow.intakes.recordChange({
        awb,
        stationCode,
        action: 'CANCELLED',
        actor,
        at: now,
        reason,
        before: { status: intake.status },
        after: { status: CANCELLED_STATUS },
        eventId,
        intakeVersion,
      });
      await uow.events.cargoCancelled(payload, { id: eventId, correlationId: intake.eventId });
      return { outcome: 'CHANGED', intake: toIntakeView(await uow.intakes.getByAwb(awb)) };
    });
  }

  /** The audited changes of one of the station's intakes, oldest first (404 for an AWB it did not receive). */
  async changes(stationCode: string, awbText: string): Promise<IntakeChangeView[]> {
    const awb = canonical(awbText);
    if (!(await this.queries.findIntake(stationCode, awb))) throw notFound(awb, stationCode);
    return (await this.queries.changesOf(stationCode, awb)).map((e) => ({
      action: e.action,
      actor: e.actor,
      at: e.at.toISOString(),
      reason: e.reason,
      before: e.before,
      after: e.after,
      eventId: e.eventId,
      intakeVersion: e.intakeVersion,
    }));
  }

  /** The station's intake of `awb`, locked; another station's intake is not found (it reveals nothing). */
  private async lockedIntake(uow: StationIntakeUnitOfWork, stationCode: string, awb: string): Promise<IntakeRecord> {
    const intake = await uow.intakes.findForUpdate(awb);
    if (!intake || intake.stationCode !== stationCode) throw notFound(awb, stationCode);
    return intake;
  }
}

function canonical(awb: string): string {
  const parsed = Awb.tryParse(awb);
  if (!parsed.ok) throw new StationIntakeError(StationIntakeErrorCodes.QueryInvalid, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
  return parsed.value.toString();
}

function notFound(awb: string, stationCode: string): StationIntakeError {
  return new StationIntakeError(StationIntakeErrorCodes.IntakeNotFound, `No intake of ${awb} at ${stationCode}; nothing was changed.`);
}
