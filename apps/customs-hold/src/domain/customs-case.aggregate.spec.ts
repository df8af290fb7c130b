import { CustomsCase, type CaseOutcome } from './customs-case.aggregate';
import type { CargoFacts } from './customs-decision.rules';
import { CustomsErrorCode } from './customs.error';
import type { Actor } from './officer-permission.policy';
import { ALWAYS_SELECTED_AWB, NOW, cargo, decide } from './customs-rules.spec-helper';

const OFFICER: Actor = { role: 'CUSTOMS_OFFICER', id: 'CUS-0001' };
const SCREENER: Actor = { role: 'SECURITY_SCREENER', id: 'SEC-0317' };
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

function open(c: CargoFacts, grade: 'A' | 'B' | 'C' | 'D' = 'A') {
  return CustomsCase.open({
    caseId: `CASE-${c.awb}`,
    awb: c.awb,
    stationCode: c.stationCode,
    shipperId: c.shipper.id,
    commodityCategory: c.commodity.category,
    specialHandlingCodes: c.specialHandlingCodes,
    receivedAt: NOW.toISOString(),
    decision: decide(c, grade),
    at: NOW,
  });
}

const chilled = (overrides: Partial<CargoFacts> = {}) =>
  cargo({ commodity: { description: 'Chilled crayfish', category: 'CHILLED_AQUATIC', hsCode: '03063990' }, specialHandlingCodes: ['PES'], ...overrides });

function kindOf(outcome: CaseOutcome | undefined): string | undefined {
  return outcome?.type === 'RELEASED' ? outcome.kind : outcome?.type;
}

function expectCode(fn: () => unknown, code: string): void {
  expect(fn).toThrow(expect.objectContaining({ code }));
}

describe('CustomsCase', () => {
  it('opens released (FULL) when nothing holds, with an audit trail', () => {
    const { customsCase, outcome } = open(cargo());
    expect(kindOf(outcome)).toBe('FULL');
    expect(customsCase.state).toBe('RELEASED');
    expect(customsCase.pendingAudit().map((a) => a.action)).toEqual(['CASE_OPENED', 'RELEASED']);
    expect(customsCase.pendingAudit()[1]?.actor).toEqual({ role: 'SYSTEM', id: 'customs-hold' });
  });

  it('chilled aquatic: conditional release, then final release on a lab pass', () => {
    const { customsCase, outcome } = open(chilled());
    expect(kindOf(outcome)).toBe('CONDITIONAL');
    expect(customsCase.state).toBe('CONDITIONALLY_RELEASED');
    const final = customsCase.recordLabResult('PASS', undefined, OFFICER, 'Lab report WH-LAB-778: residues within limits', later(60));
    expect(kindOf(final)).toBe('FINAL');
    expect(final).toMatchObject({ reasons: expect.arrayContaining([expect.objectContaining({ code: 'LAB_PASSED' })]), actor: OFFICER });
    expect(customsCase.state).toBe('RELEASED');
    expectCode(() => customsCase.recordLabResult('PASS', undefined, OFFICER, 'again', later(61)), CustomsErrorCode.LAB_RESULT_NOT_EXPECTED);
  });

  it('chilled aquatic: a failed lab result becomes a LAB_RESULT hold; a passed retest gives the final release', () => {
    const { customsCase } = open(chilled());
    const hold = customsCase.recordLabResult('FAIL', 'Vibrio parahaemolyticus above limit', OFFICER, 'Lab report WH-LAB-779', later(60));
    expect(hold).toMatchObject({ type: 'HOLD_PLACED', reasons: [{ code: 'LAB_RESULT', explanation: expect.stringContaining('Vibrio') }] });
    expect(customsCase.state).toBe('HELD');
    const retest = customsCase.recordLabResult('PASS', undefined, OFFICER, 'Retest WH-LAB-780 passed', later(180));
    expect(kindOf(retest)).toBe('FINAL');
    expect(customsCase.state).toBe('RELEASED');
  });

  it('chilled aquatic held by screening: the screening pass gives the CONDITIONAL release', () => {
    const { customsCase, outcome } = open(chilled({ awb: ALWAYS_SELECTED_AWB }));
    expect(outcome.type).toBe('HOLD_PLACED');
    expect(customsCase.nextReleaseKind()).toBe('CONDITIONAL');
    expectCode(() => customsCase.release('FULL', OFFICER, 'x', later(5)), CustomsErrorCode.RELEASE_KIND_MISMATCH);
    expect(kindOf(customsCase.recordScreeningResult('PASS', undefined, SCREENER, 'X-ray and ETD clear', later(10)))).toBe('CONDITIONAL');
  });

  it('officer FINAL closes a conditionally released case; FINAL on a held case is refused', () => {
    const { customsCase } = open(chilled());
    expect(kindOf(customsCase.release('FINAL', OFFICER, 'Lab result received by fax', later(30)))).toBe('FINAL');
    const other = open(cargo({ commodity: { description: 'x', category: 'GENERAL' } })).customsCase;
    expectCode(() => other.release('FINAL', OFFICER, 'x', later(1)), CustomsErrorCode.RELEASE_KIND_MISMATCH);
  });

  it('screening: pass releases when nothing else holds', () => {
    const { customsCase } = open(cargo({ awb: ALWAYS_SELECTED_AWB }));
    expect(customsCase.holds.map((h) => h.code)).toEqual(['SCREENING']);
    const outcome = customsCase.recordScreeningResult('PASS', undefined, SCREENER, 'X-ray clear', later(10));
    expect(kindOf(outcome)).toBe('FULL');
    expect(outcome).toMatchObject({ reasons: [expect.objectContaining({ code: 'SCREENING_PASSED' })] });
  });

  it('screening: fail keeps the case held as SCREENING_FAILED with the finding', () => {
    const { customsCase } = open(cargo({ awb: ALWAYS_SELECTED_AWB }));
    const outcome = customsCase.recordScreeningResult('FAIL', 'Undeclared power bank in piece 3', SCREENER, 'ETD alarm', later(10));
    expect(outcome).toMatchObject({ type: 'HOLD_PLACED', reasons: [{ code: 'SCREENING_FAILED', explanation: expect.stringContaining('Undeclared power bank') }] });
    expect(customsCase.holds.map((h) => h.code)).toEqual(['SCREENING_FAILED']);
    expectCode(() => customsCase.release('FULL', OFFICER, 'x', later(20)), CustomsErrorCode.ONLY_SECURITY_HOLDS);
  });

  it('screening pass with customs holds left: stays held; the officer release then releases', () => {
    const { customsCase } = open(cargo({ awb: ALWAYS_SELECTED_AWB, commodity: { description: 'Parts', category: 'AUTO_PARTS' } }));
    expect(customsCase.holds.map((h) => h.code)).toEqual(['DOCUMENTS', 'SCREENING']);
    expect(customsCase.recordScreeningResult('PASS', undefined, SCREENER, 'clear', later(5))).toBeUndefined();
    expect(customsCase.state).toBe('HELD');
    expect(kindOf(customsCase.release('FULL', OFFICER, 'HS code 87089999 supplied', later(10)))).toBe('FULL');
  });

  it('officer release lifts customs holds but never security holds', () => {
    const { customsCase } = open(cargo({ awb: ALWAYS_SELECTED_AWB, commodity: { description: 'Parts', category: 'AUTO_PARTS' } }));
    expect(customsCase.release('FULL', OFFICER, 'HS code supplied', later(10))).toBeUndefined();
    expect(customsCase.holds.map((h) => h.code)).toEqual(['SCREENING']);
    expect(customsCase.pendingAudit().at(-1)).toMatchObject({ action: 'HOLDS_LIFTED', actor: OFFICER, reason: 'HS code supplied' });
  });

  it('screening pass without a screening hold is refused', () => {
    const { customsCase } = open(cargo());
    expectCode(() => customsCase.recordScreeningResult('PASS', undefined, SCREENER, 'x', later(1)), CustomsErrorCode.NO_SCREENING_PENDING);
  });

  it('manual hold after release puts the case back on hold; releasing it again works', () => {
    const { customsCase } = open(cargo());
    const hold = customsCase.placeManualHold(OFFICER, 'Intelligence tip: possible undervaluation', later(10));
    expect(hold).toMatchObject({ type: 'HOLD_PLACED', reasons: [{ code: 'MANUAL', explanation: 'Intelligence tip: possible undervaluation' }], actor: OFFICER });
    expect(customsCase.state).toBe('HELD');
    expect(customsCase.snapshot().heldSince).toBe(later(10).toISOString());
    expect(kindOf(customsCase.release('FULL', OFFICER, 'Checked, no issue', later(20)))).toBe('FULL');
    expectCode(() => customsCase.release('FULL', OFFICER, 'again', later(21)), CustomsErrorCode.NOT_HELD);
  });

  it('after departure no hold or release is possible, but a lab result is still recorded', () => {
    const { customsCase } = open(chilled());
    customsCase.markDeparted(later(120), later(125), 'CZ3481');
    customsCase.markDeparted(later(130), later(131), 'CZ3481');
    expect(customsCase.pendingAudit().filter((a) => a.action === 'DEPARTED')).toHaveLength(1);
    expect(customsCase.pendingAudit().at(-1)).toMatchObject({ occurredAt: later(120).toISOString(), recordedAt: later(125).toISOString() });
    expectCode(() => customsCase.placeManualHold(OFFICER, 'late', later(200)), CustomsErrorCode.ALREADY_DEPARTED);
    expect(customsCase.recordLabResult('FAIL', 'Residue above limit', OFFICER, 'Lab', later(300))?.type).toBe('HOLD_PLACED');
  });

  it('lab results only for two-stage cases', () => {
    const { customsCase } = open(cargo());
    expectCode(() => customsCase.recordLabResult('PASS', undefined, OFFICER, 'x', later(1)), CustomsErrorCode.NOT_TWO_STAGE);
  });

  it('restores from its snapshot with the same state and an empty pending audit', () => {
    const { customsCase } = open(cargo({ awb: ALWAYS_SELECTED_AWB }));
    const restored = CustomsCase.restore(customsCase.snapshot());
    expect(restored.snapshot()).toEqual(customsCase.snapshot());
    expect(restored.pendingAudit()).toEqual([]);
  });
});

describe('CustomsCase decision order (holds and releases on two topics)', () => {
  /** Saves as the repository does: the version goes up by one per save. */
  const saved = (c: CustomsCase) => CustomsCase.restore({ ...c.snapshot(), version: c.snapshot().version + 1 });

  it('every decision carries the version the case has once saved, and supersedes the previous decision', () => {
    const opened = open(cargo({ awb: ALWAYS_SELECTED_AWB }));
    expect(opened.outcome).toMatchObject({ type: 'HOLD_PLACED', decisionVersion: 1 });
    expect(opened.outcome.supersedes).toBeUndefined();
    opened.customsCase.recordDecisionEvent('0b9f3c1e-7a52-4c8e-9d41-2f6a1e5b8c70');

    // Saved, then saved once more without a decision (e.g. a repeated intake): the version moves on.
    let c = saved(saved(opened.customsCase));
    const release = c.recordScreeningResult('PASS', undefined, SCREENER, 'X-ray clear', later(10));
    expect(release).toMatchObject({ type: 'RELEASED', decisionVersion: 3, supersedes: '0b9f3c1e-7a52-4c8e-9d41-2f6a1e5b8c70' });
    expect(c.snapshot()).toMatchObject({ lastDecisionVersion: 3, lastDecisionEventId: undefined });
    expect(c.pendingAudit().at(-1)).toMatchObject({ action: 'RELEASED', details: expect.objectContaining({ decisionVersion: 3 }) });
    c.recordDecisionEvent('6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7');

    c = saved(c);
    const hold = c.placeManualHold(OFFICER, 'Risk tip', later(20));
    expect(hold).toMatchObject({ type: 'HOLD_PLACED', decisionVersion: 4, supersedes: '6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7' });
  });

  it('a decision not yet published supersedes nothing (the next one names no predecessor it cannot know)', () => {
    const { customsCase } = open(cargo());
    const c = saved(customsCase);
    const hold = c.placeManualHold(OFFICER, 'Risk tip', later(5));
    expect(hold).toMatchObject({ decisionVersion: 2 });
    expect(hold.supersedes).toBeUndefined();
  });
});

describe('CustomsCase: station corrections and cancellations', () => {
  // 30,000 CNY declared: 2,500 CNY/kg at 12 kg (under the 3,000 CNY/kg e-commerce limit), 3,750 at 8 kg (over).
  const parcel = (grossWeightKg: number) =>
    cargo({ ecommerce: true, grossWeightKg, commodity: { description: 'Phone cases', category: 'ECOMMERCE_PARCELS', hsCode: '39269090', declaredValue: { amount: 30000, currency: 'CNY' } } });
  const change = { previous: { grossWeightKg: 12 }, corrected: { grossWeightKg: 8 } };

  it('a corrected weight that makes a new finding holds the case with it', () => {
    const { customsCase, outcome } = open(parcel(12));
    expect(outcome.type).toBe('RELEASED');
    const held = customsCase.reevaluate(decide(parcel(12), 'A'), decide(parcel(8), 'A'), change, later(30));
    expect(held).toMatchObject({ type: 'HOLD_PLACED', reasons: [{ code: 'ECOMMERCE_RISK', explanation: expect.stringContaining('8 kg') }], actor: { role: 'SYSTEM' } });
    expect(customsCase.state).toBe('HELD');
    expect(customsCase.pendingAudit().find((a) => a.action === 'CARGO_CORRECTED')).toMatchObject({ details: expect.objectContaining({ found: ['ECOMMERCE_RISK.VALUE_PER_KG_ABOVE_LIMIT'], lifted: [] }) });
  });

  it('a corrected weight that removes the only finding lifts its hold and releases', () => {
    const { customsCase, outcome } = open(parcel(8));
    expect(outcome.type).toBe('HOLD_PLACED');
    const released = customsCase.reevaluate(decide(parcel(8), 'A'), decide(parcel(12), 'A'), change, later(30));
    expect(kindOf(released)).toBe('FULL');
    expect(released).toMatchObject({ reasons: expect.arrayContaining([expect.objectContaining({ code: 'NO_HOLD' })]) });
    expect(customsCase.state).toBe('RELEASED');
  });

  it("an officer's hold stands when a correction lifts the rules' finding", () => {
    const { customsCase } = open(parcel(8));
    customsCase.placeManualHold(OFFICER, 'Risk tip', later(10));
    expect(customsCase.reevaluate(decide(parcel(8), 'A'), decide(parcel(12), 'A'), change, later(30))).toBeUndefined();
    expect(customsCase.state).toBe('HELD');
    expect(customsCase.holds.map((h) => h.code)).toEqual(['MANUAL']);
  });

  it('a correction the rules do not care about is recorded and decides nothing', () => {
    const { customsCase } = open(cargo());
    expect(customsCase.reevaluate(decide(cargo(), 'A'), decide(cargo({ grossWeightKg: 150 }), 'A'), change, later(30))).toBeUndefined();
    expect(customsCase.state).toBe('RELEASED');
    expect(customsCase.pendingAudit().at(-1)).toMatchObject({ action: 'CARGO_CORRECTED', details: expect.objectContaining({ found: [], lifted: [] }) });
  });

  it('a cancellation closes the case: holds lifted, audited with the station subject, no decision afterwards; closing again changes nothing', () => {
    const { customsCase } = open(cargo({ awb: ALWAYS_SELECTED_AWB }));
    expect(customsCase.state).toBe('HELD');
    customsCase.close('api-key:k-ovs-1', 'Shipper withdrew the shipment', later(20));
    expect(customsCase.snapshot()).toMatchObject({ state: 'CLOSED', holds: [], heldSince: undefined, closedAt: later(20).toISOString() });
    expect(customsCase.pendingAudit().at(-1)).toMatchObject({ action: 'CASE_CLOSED', details: expect.objectContaining({ cancelledBy: 'api-key:k-ovs-1' }) });
    expectCode(() => customsCase.recordScreeningResult('PASS', undefined, SCREENER, 'x', later(21)), CustomsErrorCode.CASE_CLOSED);
    expectCode(() => customsCase.placeManualHold(OFFICER, 'x', later(21)), CustomsErrorCode.CASE_CLOSED);
    const audited = customsCase.pendingAudit().length;
    customsCase.close('api-key:k-ovs-1', 'again', later(22));
    expect(customsCase.reevaluate(decide(parcel(12), 'A'), decide(parcel(8), 'A'), change, later(23))).toBeUndefined();
    expect(customsCase.pendingAudit().slice(audited).map((a) => a.action)).toEqual(['CARGO_CORRECTED']);
    expect(customsCase.state).toBe('CLOSED');
  });
});
