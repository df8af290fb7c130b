import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@cargo/service-runtime';
import { AssignmentReason } from '@cargo/contracts';
import { AssignmentError, AssignmentErrorCodes } from '../domain/assignment.errors';
import { isoOf } from '../domain/flight.model';
import { AssignmentEngine, effectiveFacts, type DecisionSummary } from './assignment.engine';
import type { ExceptionResolutionEntry, ShipmentRecord } from './assignment-store.port';
import { UnitOfWorkRunner } from './unit-of-work.port';

export const EXCEPTION_RESOLUTION_ACTIONS = ['REPLAN'] as const;
export type ExceptionResolutionAction = (typeof EXCEPTION_RESOLUTION_ACTIONS)[number];

/** An open assignment exception as ops sees it. */
export interface ExceptionView {
  awb: string;
  stationCode: string;
  destination?: string;
  serviceLevel?: string;
  chargeableWeightKg?: number;
  cargoAircraftOnly?: boolean;
  temperatureControlled?: boolean;
  reason: { code: string; explanation: string };
  /** When the exception was opened (the decision's service-clock time). */
  openedAt?: string;
  /** The original 1-2-3 promise (receipt + 1/2/3 days). */
  promisedBy?: string;
}

export interface ExceptionResolution {
  awb: string;
  resolved: { reasonCode: string; action: ExceptionResolutionAction; actor: string; note: string; at: string };
  /** What the re-planning decided: a booking, a wait-listing, or a new exception. */
  decision: DecisionSummary;
}

function exceptionView(r: ShipmentRecord): ExceptionView {
  const facts = r.facts ? effectiveFacts(r) : undefined;
  return {
    awb: r.awb,
    stationCode: r.stationCode,
    destination: facts?.destination,
    serviceLevel: facts?.serviceLevel,
    chargeableWeightKg: facts?.chargeableWeightKg,
    cargoAircraftOnly: facts?.cargoAircraftOnly,
    temperatureControlled: facts?.temperatureControlled,
    reason: r.reason ?? { code: 'UNKNOWN', explanation: 'no reason recorded' },
    openedAt: r.decidedAt !== undefined ? isoOf(r.decidedAt) : undefined,
    promisedBy: facts ? isoOf(facts.deadlineAt) : undefined,
  };
}

/**
 * Assignment exceptions (issue 15): shipments nothing in the timetable can carry (no freighter for
 * cargo-aircraft-only cargo, no cold chain, no route) wait in EXCEPTION until an operator resolves
 * them. Resolving records who did what, then plans the shipment again at once, in the same
 * transaction: it is booked (reason EXCEPTION_RESOLVED), wait-listed, or — when nothing fits still —
 * gets a new exception with the current reason.
 *
 * Invariant: only an open exception can be resolved (else ASSIGNMENT.NO_OPEN_EXCEPTION, and nothing
 * is written); the resolution and the decision that follows commit together or not at all.
 */
@Injectable()
export class AssignmentExceptionsUseCase {
  constructor(
    @Inject(UnitOfWorkRunner) private readonly uow: UnitOfWorkRunner,
    private readonly engine: AssignmentEngine,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Open exceptions, oldest first. */
  async open(): Promise<ExceptionView[]> {
    return this.uow.run(async (u) => (await u.store.openExceptions()).map(exceptionView));
  }

  /** @throws AssignmentError ASSIGNMENT.SHIPMENT_NOT_FOUND, ASSIGNMENT.NO_OPEN_EXCEPTION */
  async resolve(awb: string, action: ExceptionResolutionAction, note: string, actor: string): Promise<ExceptionResolution> {
    return this.uow.run(async (u) => {
      await u.store.lockShipment(awb);
      const now = this.clock.now().getTime();
      const state = await this.engine.loadState(u, now);
      const record = await u.store.getShipment(awb, true);
      if (!record) throw new AssignmentError(AssignmentErrorCodes.ShipmentNotFound, `no shipment ${awb} known to flight assignment`);
      if (record.status !== 'EXCEPTION' || !record.reason) {
        throw new AssignmentError(AssignmentErrorCodes.NoOpenException, `shipment ${awb} has no open exception (it is ${record.status})`);
      }
      const why = { code: AssignmentReason.EXCEPTION_RESOLVED, explanation: `Exception ${record.reason.code} resolved by ${actor}: ${note}` };
      const [decision] = await this.engine.decide(u, state, [{ ...record, status: 'PENDING' }], now, why);
      if (!decision) throw new Error(`no decision for ${awb}`);
      const entry: ExceptionResolutionEntry = { awb, reasonCode: record.reason.code, openedAt: record.decidedAt ?? now, action, actor, at: now, note, outcome: decision.outcome };
      await u.store.recordExceptionResolution(entry);
      return { awb, resolved: { reasonCode: entry.reasonCode, action, actor, note, at: isoOf(now) }, decision };
    });
  }
}
