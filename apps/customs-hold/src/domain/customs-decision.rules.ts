import {
  HoldReason,
  hubLocalDate,
  ReleaseReason,
  TEMPERATURE_CONTROLLED_CODES,
  TIME_CRITICAL_CATEGORIES,
  requiresCargoAircraft,
  type CommodityCategory,
  type CreditGrade,
  type DgQualification,
  type PartyRole,
  type ReleasePriority,
} from '@cargo/contracts';
import { INDICATIVE_CNY_RATES, type CustomsRulesConfig } from './customs-rules.config';
import { DrawPurpose, deterministicDraw } from './deterministic-draw.util';

/** One dangerous-goods line as the rules read it (the shipper's declaration). */
export interface DgLineFacts {
  unNumber: string;
  class: string;
  packingInstruction: string;
  properShippingName: string;
  cargoAircraftOnly?: boolean;
}

/** The facts of a `CargoReceived` payload the rules read. */
export interface CargoFacts {
  awb: string;
  stationCode: string;
  shipper: { id: string; name: string };
  agentId?: string;
  manufacturerId?: string;
  grossWeightKg: number;
  commodity: {
    description: string;
    category: CommodityCategory;
    hsCode?: string;
    declaredValue?: { amount: number; currency: string };
  };
  specialHandlingCodes: readonly string[];
  dangerousGoods: readonly DgLineFacts[];
  ecommerce: boolean;
}

interface RulesInput {
  cargo: CargoFacts;
  /** The shipper's grade in the credit registry; undefined when the shipper is not registered. */
  shipperCreditGrade: CreditGrade | undefined;
  /** DG registry entries (all of them, or at least those of the shipper, agent and manufacturer). */
  dgRegistry: readonly DgQualification[];
  config: CustomsRulesConfig;
  /** When the decision is taken: qualification validity is checked on this day (Beijing time). */
  now: Date;
}

/**
 * Stable identifiers of the individual rules (finer than the hold reason code): they appear in the
 * audit trail and in API responses so a decision can be traced to the rule that took it.
 */
export const RuleId = {
  DOCUMENTS_MISSING_HS_CODE: 'DOCUMENTS.MISSING_HS_CODE',
  DOCUMENTS_DG_CODE_WITHOUT_DG_LINE: 'DOCUMENTS.DG_CODE_WITHOUT_DG_LINE',
  DOCUMENTS_LITHIUM_NOT_DECLARED: 'DOCUMENTS.LITHIUM_NOT_DECLARED',
  DOCUMENTS_ECOMMERCE_VALUE_MISSING: 'DOCUMENTS.ECOMMERCE_VALUE_MISSING',
  DG_PARTY_NOT_QUALIFIED: 'DG_QUALIFICATION.PARTY_NOT_QUALIFIED',
  SCREENING_SELECTED: 'SCREENING.SELECTED_BY_CREDIT_GRADE',
  ECOMMERCE_BLACKLISTED_HS: 'ECOMMERCE_RISK.BLACKLISTED_HS_CODE',
  ECOMMERCE_VALUE_PER_KG: 'ECOMMERCE_RISK.VALUE_PER_KG_ABOVE_LIMIT',
  ECOMMERCE_CURRENCY_UNASSESSABLE: 'ECOMMERCE_RISK.CURRENCY_NOT_ASSESSABLE',
  MANUAL: 'MANUAL.OFFICER_HOLD',
  SCREENING_FAILED: 'SCREENING_FAILED.FINDING',
  LAB_FAILED: 'LAB_RESULT.FAILED',
} as const;
export type RuleId = (typeof RuleId)[keyof typeof RuleId];

/** Why the cargo is held: the contract's reason code, the rule that fired, and words for people. */
export interface HoldFinding {
  code: HoldReason;
  rule: RuleId;
  explanation: string;
}

/** A reason of a release (code from `ReleaseReason` or another UPPER_SNAKE code). */
export interface ReleaseNote {
  code: string;
  explanation: string;
}

type DgPartyStatus = 'QUALIFIED' | 'EXPIRED' | 'NOT_YET_VALID' | 'OUT_OF_SCOPE' | 'NOT_REGISTERED';

interface DgPartyAssessment {
  unNumber: string;
  partyId: string;
  role: PartyRole;
  status: DgPartyStatus;
  certificateNo?: string;
  validTo?: string;
  validFrom?: string;
}

interface ScreeningSelection {
  grade: CreditGrade;
  /** False when the shipper is not in the credit registry (then it is treated as grade D). */
  gradeKnown: boolean;
  share: number;
  draw: number;
  selected: boolean;
}

/**
 * The rules' verdict on one intake.
 *
 * Invariants:
 * - `release` is present exactly when `holds` is empty.
 * - `release.kind` is `CONDITIONAL` exactly when `twoStage` (chilled aquatic products), else `FULL`.
 * - `cargoAircraftOnly` equals contracts' `requiresCargoAircraft` of the cargo.
 * - `passes` are the checks passed, carried into every later release of the case.
 * - Deterministic: the same input gives the same decision.
 */
export interface CustomsDecision {
  holds: HoldFinding[];
  release?: { kind: 'FULL' | 'CONDITIONAL'; reasons: ReleaseNote[] };
  passes: ReleaseNote[];
  cargoAircraftOnly: boolean;
  priority: ReleasePriority;
  twoStage: boolean;
  postReleaseCheck: boolean;
  ecommerce: boolean;
  screening: ScreeningSelection;
  dg: DgPartyAssessment[];
}

const DG_SPECIAL_HANDLING = ['RLI', 'RLM', 'DGR', 'RMD', 'RCM', 'RFL'];
const LITHIUM_SECTION_II = ['ELI', 'ELM'];
const FAST_LANE_CODES = ['EXP', 'XPS', 'PER', 'PES', 'PEP', 'PEF', 'PEM', ...TEMPERATURE_CONTROLLED_CODES];
const MAX_EXPLANATION = 500;

/** The control rules of DOMAIN.md, "Control rules": pure, deterministic, no I/O. */
export function decideIntake(input: RulesInput): CustomsDecision {
  const { cargo, config } = input;
  const holds: HoldFinding[] = [];
  const passes: ReleaseNote[] = [];

  holds.push(...documentFindings(cargo));

  // The registry's validity dates are the hub's local dates.
  const dg = assessDangerousGoods(cargo, input.dgRegistry, hubLocalDate(input.now));
  const dgFailures = dg.filter((a) => a.status !== 'QUALIFIED');
  for (const failure of dgFailures) {
    holds.push({ code: HoldReason.DG_QUALIFICATION, rule: RuleId.DG_PARTY_NOT_QUALIFIED, explanation: explainDgFailure(failure, cargo) });
  }
  if (cargo.dangerousGoods.length > 0 && dgFailures.length === 0) {
    passes.push({ code: ReleaseReason.DG_QUALIFIED, explanation: explainDgPass(dg) });
  }

  const screening = selectForScreening(cargo.awb, input.shipperCreditGrade, config);
  if (screening.selected) {
    holds.push({ code: HoldReason.SCREENING, rule: RuleId.SCREENING_SELECTED, explanation: explainScreening(screening) });
  }

  const ecommerce = cargo.ecommerce || cargo.commodity.category === 'ECOMMERCE_PARCELS';
  const ecommerceFlags = ecommerce ? ecommerceRiskFindings(cargo, config) : [];
  holds.push(...ecommerceFlags);
  const postReleaseCheck =
    ecommerce && ecommerceFlags.length === 0 && deterministicDraw(DrawPurpose.ECOMMERCE_SAMPLE, cargo.awb) < config.ecommerce.sampleShare;
  if (ecommerce && ecommerceFlags.length === 0) {
    passes.push({
      code: ReleaseReason.ECOMMERCE_FLOW_ALONG,
      explanation: postReleaseCheck
        ? 'Cross-border e-commerce released in the flow; sampled for a post-release check'
        : 'Cross-border e-commerce released in the flow (flow-along supervision)',
    });
  }

  const fastLane =
    TIME_CRITICAL_CATEGORIES.includes(cargo.commodity.category) || cargo.specialHandlingCodes.some((c) => FAST_LANE_CODES.includes(c));
  if (fastLane) {
    passes.push({ code: ReleaseReason.FAST_LANE, explanation: `Time-critical or cold-chain goods (${describeFastLane(cargo)}): released with priority` });
  }
  const twoStage = cargo.commodity.category === 'CHILLED_AQUATIC';

  const decision: CustomsDecision = {
    holds,
    passes,
    cargoAircraftOnly: requiresCargoAircraft(cargo),
    priority: fastLane ? 'FAST_LANE' : 'NORMAL',
    twoStage,
    postReleaseCheck,
    ecommerce,
    screening,
    dg,
  };
  if (holds.length === 0) {
    const reasons: ReleaseNote[] = [{ code: ReleaseReason.NO_HOLD, explanation: 'No control rule held the shipment' }, ...passes];
    if (twoStage) {
      reasons.push({
        code: ReleaseReason.PORT_INSPECTION_PASSED,
        explanation: 'Chilled aquatic products, two-stage access: conditional release after port inspection; final release follows the lab result',
      });
    }
    decision.release = { kind: twoStage ? 'CONDITIONAL' : 'FULL', reasons };
  }
  return decision;
}

function documentFindings(cargo: CargoFacts): HoldFinding[] {
  const findings: HoldFinding[] = [];
  if (!cargo.commodity.hsCode) {
    findings.push({
      code: HoldReason.DOCUMENTS,
      rule: RuleId.DOCUMENTS_MISSING_HS_CODE,
      explanation: `No HS code declared for "${truncate(cargo.commodity.description, 120)}"`,
    });
  }
  const dgCodes = cargo.specialHandlingCodes.filter((c) => DG_SPECIAL_HANDLING.includes(c));
  if (dgCodes.length > 0 && cargo.dangerousGoods.length === 0) {
    findings.push({
      code: HoldReason.DOCUMENTS,
      rule: RuleId.DOCUMENTS_DG_CODE_WITHOUT_DG_LINE,
      explanation: `Special handling ${dgCodes.join(', ')} declares dangerous goods, but the declaration has no dangerous-goods line`,
    });
  }
  if (
    cargo.commodity.category === 'LITHIUM_BATTERIES' &&
    cargo.dangerousGoods.length === 0 &&
    !cargo.specialHandlingCodes.some((c) => LITHIUM_SECTION_II.includes(c))
  ) {
    findings.push({
      code: HoldReason.DOCUMENTS,
      rule: RuleId.DOCUMENTS_LITHIUM_NOT_DECLARED,
      explanation: 'Declared as lithium batteries, but neither a dangerous-goods line nor ELI/ELM (section II) handling is declared',
    });
  }
  if ((cargo.ecommerce || cargo.commodity.category === 'ECOMMERCE_PARCELS') && !cargo.commodity.declaredValue) {
    findings.push({
      code: HoldReason.DOCUMENTS,
      rule: RuleId.DOCUMENTS_ECOMMERCE_VALUE_MISSING,
      explanation: 'Cross-border e-commerce parcel without a declared value: flow-along supervision needs it',
    });
  }
  return findings;
}

/**
 * Each dangerous-goods line needs the shipper, and where given the agent and the manufacturer, to
 * hold a registry entry of their role that covers the line's class (and UN number, unless the
 * entry lists none) and is valid on `today`.
 */
function assessDangerousGoods(cargo: CargoFacts, registry: readonly DgQualification[], today: string): DgPartyAssessment[] {
  const parties: { id: string; role: PartyRole }[] = [{ id: cargo.shipper.id, role: 'SHIPPER' }];
  if (cargo.agentId) parties.push({ id: cargo.agentId, role: 'AGENT' });
  if (cargo.manufacturerId) parties.push({ id: cargo.manufacturerId, role: 'MANUFACTURER' });
  const seen = new Set<string>();
  const result: DgPartyAssessment[] = [];
  for (const line of cargo.dangerousGoods) {
    for (const party of parties) {
      const key = `${line.unNumber}/${line.class}/${party.role}/${party.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(assessParty(line, party, registry, today));
    }
  }
  return result;
}

function assessParty(line: DgLineFacts, party: { id: string; role: PartyRole }, registry: readonly DgQualification[], today: string): DgPartyAssessment {
  const base = { unNumber: line.unNumber, partyId: party.id, role: party.role };
  const entries = registry.filter((e) => e.partyId === party.id && e.role === party.role);
  if (entries.length === 0) return { ...base, status: 'NOT_REGISTERED' };
  const covering = entries.filter(
    (e) => (e.classes as readonly string[]).includes(line.class) && (e.unNumbers.length === 0 || e.unNumbers.includes(line.unNumber)),
  );
  if (covering.length === 0) return { ...base, status: 'OUT_OF_SCOPE' };
  const valid = covering.filter((e) => e.validFrom <= today && today <= e.validTo).sort((a, b) => b.validTo.localeCompare(a.validTo))[0];
  if (valid) return { ...base, status: 'QUALIFIED', certificateNo: valid.certificateNo, validFrom: valid.validFrom, validTo: valid.validTo };
  const expired = covering.filter((e) => e.validTo < today).sort((a, b) => b.validTo.localeCompare(a.validTo))[0];
  if (expired) return { ...base, status: 'EXPIRED', certificateNo: expired.certificateNo, validFrom: expired.validFrom, validTo: expired.validTo };
  const [future] = [...covering].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return { ...base, status: 'NOT_YET_VALID', certificateNo: future?.certificateNo, validFrom: future?.validFrom, validTo: future?.validTo };
}

function explainDgFailure(a: DgPartyAssessment, cargo: CargoFacts): string {
  const line = cargo.dangerousGoods.find((l) => l.unNumber === a.unNumber);
  const what = `${a.unNumber}${line ? ` (${truncate(line.properShippingName, 80)}, class ${line.class})` : ''}`;
  const who = `${a.role.toLowerCase()} ${a.partyId}`;
  switch (a.status) {
    case 'NOT_REGISTERED':
      return `${what}: ${who} has no dangerous-goods qualification`;
    case 'OUT_OF_SCOPE':
      return `${what}: ${who} is qualified, but not for this class/UN number`;
    case 'EXPIRED':
      return `${what}: ${who} qualification ${a.certificateNo} expired on ${a.validTo}`;
    case 'NOT_YET_VALID':
      return `${what}: ${who} qualification ${a.certificateNo} is valid only from ${a.validFrom}`;
    case 'QUALIFIED':
      return `${what}: ${who} qualified`;
  }
}

function explainDgPass(dg: readonly DgPartyAssessment[]): string {
  const byLine = new Map<string, DgPartyAssessment[]>();
  for (const a of dg) byLine.set(a.unNumber, [...(byLine.get(a.unNumber) ?? []), a]);
  const parts = [...byLine.entries()].map(
    ([un, list]) => `${un}: ${list.map((a) => `${a.role.toLowerCase()} ${a.partyId} (${a.certificateNo}, until ${a.validTo})`).join(', ')}`,
  );
  return truncate(`Dangerous goods parties qualified: ${parts.join('; ')}`, MAX_EXPLANATION);
}

/** Deep-screening selection: the AWB's draw below the grade's share. Unknown shippers count as grade D. */
export function selectForScreening(awb: string, grade: CreditGrade | undefined, config: CustomsRulesConfig): ScreeningSelection {
  const effective: CreditGrade = grade ?? 'D';
  const share = config.screeningShares[effective];
  const draw = deterministicDraw(DrawPurpose.SCREENING, awb);
  return { grade: effective, gradeKnown: grade !== undefined, share, draw, selected: draw < share };
}

function explainScreening(s: ScreeningSelection): string {
  const percent = `${Math.round(s.share * 1000) / 10}%`;
  const grade = s.gradeKnown ? `Shipper credit grade ${s.grade}` : 'Shipper not in the credit registry (treated as grade D)';
  return `${grade}: selected for deep screening (${percent} share, draw ${s.draw.toFixed(4)})`;
}

function ecommerceRiskFindings(cargo: CargoFacts, config: CustomsRulesConfig): HoldFinding[] {
  const findings: HoldFinding[] = [];
  const hs = cargo.commodity.hsCode;
  const prefix = hs ? config.ecommerce.blacklistedHsPrefixes.find((p) => hs.startsWith(p)) : undefined;
  if (prefix) {
    findings.push({
      code: HoldReason.ECOMMERCE_RISK,
      rule: RuleId.ECOMMERCE_BLACKLISTED_HS,
      explanation: `HS code ${hs} falls under ${prefix}, not allowed in the cross-border e-commerce flow`,
    });
  }
  const value = cargo.commodity.declaredValue;
  if (value) {
    const rate = INDICATIVE_CNY_RATES[value.currency];
    if (rate === undefined) {
      findings.push({
        code: HoldReason.ECOMMERCE_RISK,
        rule: RuleId.ECOMMERCE_CURRENCY_UNASSESSABLE,
        explanation: `Declared value in ${value.currency} cannot be assessed against the value-per-kg rule`,
      });
    } else {
      const perKg = (value.amount * rate) / cargo.grossWeightKg;
      const max = config.ecommerce.maxDeclaredValuePerKgCny;
      if (perKg > max) {
        findings.push({
          code: HoldReason.ECOMMERCE_RISK,
          rule: RuleId.ECOMMERCE_VALUE_PER_KG,
          explanation: `Declared value ${value.amount} ${value.currency} for ${cargo.grossWeightKg} kg is about ${Math.round(perKg)} CNY/kg, above the ${max} CNY/kg limit`,
        });
      }
    }
  }
  return findings;
}

function describeFastLane(cargo: CargoFacts): string {
  const codes = cargo.specialHandlingCodes.filter((c) => FAST_LANE_CODES.includes(c));
  const category = TIME_CRITICAL_CATEGORIES.includes(cargo.commodity.category) ? [cargo.commodity.category] : [];
  return [...category, ...codes].join(', ');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
