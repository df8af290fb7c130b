import { ActorRole, HoldReason, ReleaseReason, type ReleaseKind, type ReleasePriority } from '@cargo/contracts';
import { RuleId, truncate, type CustomsDecision, type HoldFinding, type ReleaseNote } from './customs-decision.rules';
import { CustomsError, CustomsErrorCode } from './customs.error';
import type { Actor } from './officer-permission.policy';

/** CLOSED: the station cancelled the intake; the case takes no more decisions. */
export type CaseState = 'HELD' | 'CONDITIONALLY_RELEASED' | 'RELEASED' | 'CLOSED';

/** Two-stage access (chilled aquatic products): where the lab result stands. */
export type LabStatus = 'NOT_REQUIRED' | 'PENDING' | 'PASSED' | 'FAILED' | 'WAIVED';

/** Holds security owns: only a screening result lifts them, never a customs release. */
const SECURITY_HOLD_CODES: readonly HoldReason[] = [HoldReason.SCREENING, HoldReason.SCREENING_FAILED];

export interface ActiveHold extends HoldFinding {
  placedBy: Actor;
  placedAt: string;
}

type AuditAction =
  | 'CASE_OPENED'
  | 'HOLD_PLACED'
  | 'HOLDS_LIFTED'
  | 'RELEASED'
  | 'SCREENING_RESULT'
  | 'LAB_RESULT'
  | 'DEPARTED'
  | 'INTAKE_REPEATED'
  | 'CARGO_CORRECTED'
  | 'CASE_CLOSED';

/** One line of the audit trail: who (id and role) did what, why, when it happened and when it was recorded. */
export interface AuditEntry {
  action: AuditAction;
  actor: Actor;
  reason: string;
  details: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
}

/**
 * Where a decision stands in the case's sequence of decisions (holds and releases alike):
 * `decisionVersion` is the case version at the decision, `supersedes` the event id of the case's
 * previous decision (undefined for the first). Consumers apply a decision only if it is newer than
 * the last one they applied (see `isNewerDecision` in @cargo/contracts).
 */
interface DecisionOrder {
  decisionVersion: number;
  supersedes?: string;
}

/** What a change of the case tells the outside world (published as customs.hold.v1 / customs.release.v1). */
export type CaseOutcome =
  | ({ type: 'HOLD_PLACED'; reasons: { code: HoldReason; explanation: string }[]; actor: Actor; at: string } & DecisionOrder)
  | ({ type: 'RELEASED'; kind: ReleaseKind; reasons: ReleaseNote[]; actor: Actor; at: string } & DecisionOrder);

export type ExaminationResult = 'PASS' | 'FAIL';

/** The persisted state of a case. */
export interface CaseSnapshot {
  caseId: string;
  awb: string;
  stationCode: string;
  shipperId: string;
  commodityCategory: string;
  state: CaseState;
  labStatus: LabStatus;
  twoStage: boolean;
  hadConditionalRelease: boolean;
  cargoAircraftOnly: boolean;
  specialHandlingCodes: string[];
  priority: ReleasePriority;
  postReleaseCheck: boolean;
  passes: ReleaseNote[];
  holds: ActiveHold[];
  /** When the case last became HELD (undefined while released). */
  heldSince?: string;
  lastReleaseKind?: ReleaseKind;
  lastReleasedAt?: string;
  departedAt?: string;
  departedFlight?: string;
  /** When the case was closed because the station cancelled the intake. */
  closedAt?: string;
  receivedAt: string;
  openedAt: string;
  /** Optimistic version, bumped by exactly one on every save (0 until the case is first saved). */
  version: number;
  /** Version of the case's latest hold or release (its `decisionVersion`); undefined before the first. */
  lastDecisionVersion?: number;
  /** Event id of the case's latest hold or release, once published (the next decision supersedes it). */
  lastDecisionEventId?: string;
}

const SYSTEM_ACTOR: Actor = { role: ActorRole.SYSTEM, id: 'customs-hold' };

interface OpenCaseParams {
  caseId: string;
  awb: string;
  stationCode: string;
  shipperId: string;
  commodityCategory: string;
  specialHandlingCodes: readonly string[];
  receivedAt: string;
  decision: CustomsDecision;
  at: Date;
}

/**
 * The customs case of one AWB (one case per AWB, opened at intake).
 *
 * Invariants:
 * - `state` is HELD exactly when `holds` is non-empty; otherwise CONDITIONALLY_RELEASED while a
 *   two-stage case waits for its lab result after a conditional release, else RELEASED.
 * - A customs release never lifts a security hold (SCREENING, SCREENING_FAILED); only a passed
 *   screening result does.
 * - Nothing is held or released after departure except by a lab result (customs must still learn
 *   of a failed lab on goods that moved on under a conditional release).
 * - A CLOSED case (the station cancelled the intake) has no holds and takes no decision at all.
 * - A station's correction re-evaluates only what the corrected figures change: findings the rules
 *   make with the new figures but not with the old ones become holds, holds placed by the rules
 *   for findings they no longer make are lifted; officers' and screeners' holds and decisions stand.
 * - Every change appends at least one audit entry with actor, reason and time.
 * - Every transition into HELD yields a HOLD_PLACED outcome; every transition out of HELD, and the
 *   CONDITIONALLY_RELEASED → RELEASED step, yields a RELEASED outcome.
 * - At most one outcome per change, and its `decisionVersion` is the version the case has once the
 *   change is saved (`version + 1`, a save bumps it by one): decisions of one case have strictly
 *   increasing versions, holds and releases alike, and each supersedes the one before it.
 */
export class CustomsCase {
  private readonly audit: AuditEntry[] = [];

  private constructor(private readonly s: CaseSnapshot) {}

  static restore(snapshot: CaseSnapshot): CustomsCase {
    return new CustomsCase(structuredClone(snapshot));
  }

  /** Opens the case with the rules' decision; the outcome is the first hold or release. */
  static open(p: OpenCaseParams): { customsCase: CustomsCase; outcome: CaseOutcome } {
    const at = p.at.toISOString();
    const d = p.decision;
    const c = new CustomsCase({
      caseId: p.caseId,
      awb: p.awb,
      stationCode: p.stationCode,
      shipperId: p.shipperId,
      commodityCategory: p.commodityCategory,
      state: 'HELD',
      labStatus: d.twoStage ? 'PENDING' : 'NOT_REQUIRED',
      twoStage: d.twoStage,
      hadConditionalRelease: false,
      cargoAircraftOnly: d.cargoAircraftOnly,
      specialHandlingCodes: [...p.specialHandlingCodes],
      priority: d.priority,
      postReleaseCheck: d.postReleaseCheck,
      passes: d.passes.map((n) => ({ ...n })),
      holds: [],
      receivedAt: p.receivedAt,
      openedAt: at,
      version: 0,
    });
    c.record('CASE_OPENED', SYSTEM_ACTOR, 'Cargo received at the station; control rules applied', p.at, p.at, {
      holds: d.holds,
      passes: d.passes,
      screening: d.screening,
      dg: d.dg,
      cargoAircraftOnly: d.cargoAircraftOnly,
      priority: d.priority,
      twoStage: d.twoStage,
      postReleaseCheck: d.postReleaseCheck,
    });
    if (d.release) {
      const outcome = c.releaseAs(d.release.kind, d.release.reasons, SYSTEM_ACTOR, 'No control rule held the shipment', p.at);
      return { customsCase: c, outcome };
    }
    const outcome = c.hold(d.holds, SYSTEM_ACTOR, 'Held by the control rules', p.at);
    return { customsCase: c, outcome };
  }

  get caseId(): string {
    return this.s.caseId;
  }
  get awb(): string {
    return this.s.awb;
  }
  get state(): CaseState {
    return this.s.state;
  }
  get holds(): readonly ActiveHold[] {
    return this.s.holds;
  }

  snapshot(): CaseSnapshot {
    return structuredClone(this.s);
  }

  /** Audit entries added since the case was opened or restored; the caller persists them. */
  pendingAudit(): readonly AuditEntry[] {
    return this.audit;
  }

  /** The kind the next release of this case has (two-stage: CONDITIONAL before the lab, FINAL after a conditional release). */
  nextReleaseKind(): ReleaseKind {
    if (this.s.twoStage && this.s.labStatus === 'PENDING') return 'CONDITIONAL';
    return this.s.hadConditionalRelease ? 'FINAL' : 'FULL';
  }

  /**
   * The event that announced the latest decision was written with id `eventId`: the next decision
   * names it in `supersedes`. Call it in the transaction that saves the change.
   */
  recordDecisionEvent(eventId: string): void {
    this.s.lastDecisionEventId = eventId;
  }

  /** Another intake event for an AWB that already has its case: recorded, no second effect. */
  noteRepeatedIntake(eventId: string, at: Date): void {
    this.record('INTAKE_REPEATED', SYSTEM_ACTOR, 'Another intake event for an AWB that already has a case: no second case', at, at, { eventId });
  }

  /**
   * An officer's release. FULL/CONDITIONAL lift the customs holds (never security holds) and must
   * match {@link nextReleaseKind}; FINAL closes a conditionally released two-stage case.
   * Returns undefined when security holds keep the case held.
   */
  release(kind: ReleaseKind, actor: Actor, why: string, at: Date): CaseOutcome | undefined {
    this.assertOpen();
    this.assertNotDeparted();
    if (kind === 'FINAL' && this.s.state === 'CONDITIONALLY_RELEASED') {
      this.s.labStatus = 'WAIVED';
      return this.releaseAs('FINAL', this.officerReasons(actor, why), actor, why, at);
    }
    if (this.s.state !== 'HELD') {
      throw new CustomsError(CustomsErrorCode.NOT_HELD, `Case ${this.s.caseId} is ${this.s.state}: there is nothing to release${kind === 'FINAL' ? '' : ' (FINAL applies to CONDITIONALLY_RELEASED cases)'}`);
    }
    const expected = this.nextReleaseKind();
    if (kind !== expected) {
      throw new CustomsError(
        CustomsErrorCode.RELEASE_KIND_MISMATCH,
        `Case ${this.s.caseId} can only be released ${expected}${this.s.twoStage ? ` (two-stage access, lab ${this.s.labStatus})` : ''}, not ${kind}`,
      );
    }
    const customsHolds = this.s.holds.filter((h) => !SECURITY_HOLD_CODES.includes(h.code));
    if (customsHolds.length === 0) {
      throw new CustomsError(
        CustomsErrorCode.ONLY_SECURITY_HOLDS,
        `Case ${this.s.caseId} is held only by security (${this.holdCodes().join(', ')}): a passed screening result releases it`,
      );
    }
    if (customsHolds.some((h) => h.code === HoldReason.LAB_RESULT)) this.s.labStatus = 'WAIVED';
    this.lift(customsHolds, actor, why, at);
    return this.settle(this.officerReasons(actor, why), actor, why, at);
  }

  /** An officer's manual hold on a shipment that has not departed (also after a release). */
  placeManualHold(actor: Actor, why: string, at: Date): CaseOutcome {
    this.assertOpen();
    this.assertNotDeparted();
    return this.hold([{ code: HoldReason.MANUAL, rule: RuleId.MANUAL, explanation: truncate(why, 500) }], actor, why, at);
  }

  /**
   * A security screening result. PASS lifts the screening holds (and releases when nothing else
   * holds); FAIL keeps or puts the case on hold as SCREENING_FAILED with the finding.
   */
  recordScreeningResult(result: ExaminationResult, finding: string | undefined, actor: Actor, why: string, at: Date): CaseOutcome | undefined {
    this.assertOpen();
    this.assertNotDeparted();
    const screeningHolds = this.s.holds.filter((h) => SECURITY_HOLD_CODES.includes(h.code));
    if (result === 'PASS') {
      if (screeningHolds.length === 0) {
        throw new CustomsError(CustomsErrorCode.NO_SCREENING_PENDING, `Case ${this.s.caseId} has no screening hold to lift`);
      }
      this.record('SCREENING_RESULT', actor, why, at, at, { result, finding });
      this.lift(screeningHolds, actor, why, at);
      return this.settle([{ code: ReleaseReason.SCREENING_PASSED, explanation: truncate(`Deep screening passed: ${why}`, 500) }, ...this.s.passes], actor, why, at);
    }
    const text = finding ?? why;
    this.record('SCREENING_RESULT', actor, why, at, at, { result, finding: text });
    this.s.holds = this.s.holds.filter((h) => h.code !== HoldReason.SCREENING && h.code !== HoldReason.SCREENING_FAILED);
    return this.hold(
      [{ code: HoldReason.SCREENING_FAILED, rule: RuleId.SCREENING_FAILED, explanation: truncate(`Deep screening failed: ${text}`, 500) }],
      actor,
      why,
      at,
    );
  }

  /**
   * A lab result of two-stage access. PASS gives the final release (or lets a later release be
   * final); FAIL puts the case on hold with reason LAB_RESULT.
   */
  recordLabResult(result: ExaminationResult, finding: string | undefined, actor: Actor, why: string, at: Date): CaseOutcome | undefined {
    this.assertOpen();
    if (!this.s.twoStage) {
      throw new CustomsError(CustomsErrorCode.NOT_TWO_STAGE, `Case ${this.s.caseId} is not under two-stage access (chilled aquatic products only)`);
    }
    if (this.s.labStatus !== 'PENDING' && this.s.labStatus !== 'FAILED') {
      throw new CustomsError(CustomsErrorCode.LAB_RESULT_NOT_EXPECTED, `Case ${this.s.caseId} expects no lab result (lab ${this.s.labStatus})`);
    }
    const text = finding ?? why;
    this.record('LAB_RESULT', actor, why, at, at, { result, finding: text });
    if (result === 'FAIL') {
      this.s.labStatus = 'FAILED';
      this.s.holds = this.s.holds.filter((h) => h.code !== HoldReason.LAB_RESULT);
      return this.hold([{ code: HoldReason.LAB_RESULT, rule: RuleId.LAB_FAILED, explanation: truncate(`Lab result failed: ${text}`, 500) }], actor, why, at);
    }
    this.s.labStatus = 'PASSED';
    const labHolds = this.s.holds.filter((h) => h.code === HoldReason.LAB_RESULT);
    if (labHolds.length > 0) this.lift(labHolds, actor, why, at);
    const reasons = [{ code: ReleaseReason.LAB_PASSED, explanation: truncate(`Lab result passed: ${text}`, 500) }, ...this.s.passes];
    if (this.s.state === 'CONDITIONALLY_RELEASED') return this.releaseAs('FINAL', reasons, actor, why, at);
    return this.settle(reasons, actor, why, at);
  }

  /**
   * The station corrected pieces, gross weight or volume (`CargoCorrected`). `before` and `after` are
   * the rules' decisions on the intake with the old and with the corrected figures, taken at the
   * same moment against the same registries, so they differ only by what the correction changes
   * (e.g. the declared value per kg of an e-commerce parcel). Findings only `after` makes become
   * holds (HOLD_PLACED); holds the rules placed for findings only `before` made are lifted, and
   * when they were the last ones the case is released. Holds and decisions of officers and
   * screeners stand. A closed or departed case only records the correction.
   */
  reevaluate(before: CustomsDecision, after: CustomsDecision, change: Record<string, unknown>, at: Date): CaseOutcome | undefined {
    if (this.s.state === 'CLOSED' || this.s.departedAt) {
      this.record('CARGO_CORRECTED', SYSTEM_ACTOR, `Intake corrected by the station; the case is ${this.s.departedAt ? 'departed' : 'closed'}: not re-evaluated`, at, at, change);
      return undefined;
    }
    const rulesBefore = new Set(before.holds.map((h) => h.rule));
    const rulesAfter = new Set(after.holds.map((h) => h.rule));
    const found = after.holds.filter((h) => !rulesBefore.has(h.rule));
    const dropped = this.s.holds.filter((h) => h.placedBy.role === ActorRole.SYSTEM && rulesBefore.has(h.rule) && !rulesAfter.has(h.rule));
    const why = 'Intake corrected by the station: control rules applied to the corrected figures';
    this.record('CARGO_CORRECTED', SYSTEM_ACTOR, why, at, at, { ...change, found: found.map((h) => h.rule), lifted: dropped.map((h) => h.rule) });
    if (dropped.length > 0) this.lift(dropped, SYSTEM_ACTOR, 'No longer found by the control rules on the corrected intake', at);
    if (found.length > 0) return this.hold(found, SYSTEM_ACTOR, 'Found by the control rules on the corrected intake', at);
    if (dropped.length === 0) return undefined;
    const reasons: ReleaseNote[] = [{ code: ReleaseReason.NO_HOLD, explanation: 'No control rule holds the corrected intake' }, ...this.s.passes];
    return this.settle(reasons, SYSTEM_ACTOR, why, at);
  }

  /**
   * The station cancelled the intake (`CargoCancelled`): the case is CLOSED, its holds lifted, and it
   * takes no decision any more. Idempotent; a departed case only records it (cannot happen: a
   * station cancels only before the shipment leaves it). Emits nothing: flight-assignment and
   * tracking apply the cancellation themselves.
   */
  close(cancelledBy: string, why: string, at: Date): void {
    if (this.s.state === 'CLOSED') return;
    const details = { cancelledBy, holdsLifted: this.s.holds.map((h) => ({ code: h.code, rule: h.rule })) };
    if (this.s.departedAt) {
      this.record('CASE_CLOSED', SYSTEM_ACTOR, `Intake cancelled by the station after departure: not closed (${why})`, at, at, details);
      return;
    }
    this.s.holds = [];
    this.s.heldSince = undefined;
    this.s.state = 'CLOSED';
    this.s.closedAt = at.toISOString();
    this.record('CASE_CLOSED', SYSTEM_ACTOR, `Intake cancelled by the station: ${why}`, at, at, details);
  }

  /** A DEP scan: the shipment left on a flight. Idempotent. */
  markDeparted(happenedAt: Date, recordedAt: Date, flightNumber: string | undefined): void {
    if (this.s.departedAt) return;
    this.s.departedAt = happenedAt.toISOString();
    this.s.departedFlight = flightNumber;
    this.record('DEPARTED', { role: ActorRole.SYSTEM, id: 'cargo.handling' }, `Departed${flightNumber ? ` on ${flightNumber}` : ''} (DEP scan)`, happenedAt, recordedAt, {
      flightNumber,
    });
  }

  private officerReasons(actor: Actor, why: string): ReleaseNote[] {
    return [{ code: ReleaseReason.OFFICER_DECISION, explanation: truncate(`${why} (${actor.role} ${actor.id})`, 500) }, ...this.s.passes];
  }

  private holdCodes(): HoldReason[] {
    return [...new Set(this.s.holds.map((h) => h.code))];
  }

  private assertOpen(): void {
    if (this.s.state === 'CLOSED') {
      throw new CustomsError(CustomsErrorCode.CASE_CLOSED, `Case ${this.s.caseId} is closed: the station cancelled AWB ${this.s.awb}${this.s.closedAt ? ` at ${this.s.closedAt}` : ''}`);
    }
  }

  private assertNotDeparted(): void {
    if (this.s.departedAt) {
      throw new CustomsError(
        CustomsErrorCode.ALREADY_DEPARTED,
        `AWB ${this.s.awb} departed at ${this.s.departedAt}${this.s.departedFlight ? ` on ${this.s.departedFlight}` : ''}`,
      );
    }
  }

  private hold(findings: readonly HoldFinding[], actor: Actor, why: string, at: Date): CaseOutcome {
    const placedAt = at.toISOString();
    const added: ActiveHold[] = findings.map((f) => ({ ...f, placedBy: actor, placedAt }));
    this.s.holds.push(...added);
    if (this.s.state !== 'HELD' || !this.s.heldSince) this.s.heldSince = placedAt;
    this.s.state = 'HELD';
    const order = this.nextDecision();
    this.record('HOLD_PLACED', actor, why, at, at, { holds: added, decisionVersion: order.decisionVersion });
    return { type: 'HOLD_PLACED', reasons: findings.map((f) => ({ code: f.code, explanation: f.explanation })), actor, at: placedAt, ...order };
  }

  /** The place of a decision taken in this change: the version the case gets when saved, after the previous decision. */
  private nextDecision(): DecisionOrder {
    const decisionVersion = this.s.version + 1;
    const supersedes = this.s.lastDecisionEventId;
    this.s.lastDecisionVersion = decisionVersion;
    this.s.lastDecisionEventId = undefined;
    return supersedes ? { decisionVersion, supersedes } : { decisionVersion };
  }

  private lift(holds: readonly ActiveHold[], actor: Actor, why: string, at: Date): void {
    this.s.holds = this.s.holds.filter((h) => !holds.includes(h));
    this.record('HOLDS_LIFTED', actor, why, at, at, { lifted: holds.map((h) => ({ code: h.code, rule: h.rule })) });
  }

  /** Releases when no hold is left; undefined otherwise (stays HELD). */
  private settle(reasons: ReleaseNote[], actor: Actor, why: string, at: Date): CaseOutcome | undefined {
    if (this.s.holds.length > 0 || this.s.state !== 'HELD') return undefined;
    return this.releaseAs(this.nextReleaseKind(), reasons, actor, why, at);
  }

  private releaseAs(kind: ReleaseKind, reasons: ReleaseNote[], actor: Actor, why: string, at: Date): CaseOutcome {
    const releasedAt = at.toISOString();
    this.s.state = kind === 'CONDITIONAL' ? 'CONDITIONALLY_RELEASED' : 'RELEASED';
    if (kind === 'CONDITIONAL') this.s.hadConditionalRelease = true;
    this.s.heldSince = undefined;
    this.s.lastReleaseKind = kind;
    this.s.lastReleasedAt = releasedAt;
    const unique = dedupe(reasons);
    const order = this.nextDecision();
    this.record('RELEASED', actor, why, at, at, { kind, reasons: unique, decisionVersion: order.decisionVersion });
    return { type: 'RELEASED', kind, reasons: unique, actor, at: releasedAt, ...order };
  }

  private record(action: AuditAction, actor: Actor, reason: string, occurredAt: Date, recordedAt: Date, details: Record<string, unknown>): void {
    this.audit.push({ action, actor, reason, details, occurredAt: occurredAt.toISOString(), recordedAt: recordedAt.toISOString() });
  }
}

function dedupe(reasons: readonly ReleaseNote[]): ReleaseNote[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)));
}
