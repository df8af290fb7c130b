import { DG_REGISTRY } from '@cargo/seeds';
import { hubLocalDate, type CreditGrade, type DgQualification } from '@cargo/contracts';
import { RuleId, selectForScreening, type CargoFacts, type CustomsDecision } from './customs-decision.rules';
import { DEFAULT_CUSTOMS_RULES_CONFIG, type CustomsRulesConfig } from './customs-rules.config';
import { DrawPurpose, deterministicDraw } from './deterministic-draw.util';
import { ALWAYS_SELECTED_AWB, LITHIUM_ION, NOW, UNSELECTED_AWB, awbOf, awbWhere, cargo, decide } from './customs-rules.spec-helper';

const QUALIFIED_LITHIUM = { shipper: { id: 'SHP-OV-001', name: 'Xinghe' }, agentId: 'AGT-001', manufacturerId: 'MFR-001', dangerousGoods: [LITHIUM_ION] };
const GRADE_D_QUALIFIED: DgQualification = {
  certificateNo: 'TEST-DGQ-0001',
  partyId: 'SHP-HS-002',
  role: 'SHIPPER',
  classes: ['9'],
  unNumbers: ['UN3480'],
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
  issuer: 'test',
};
const ECOMMERCE = {
  shipper: { id: 'SHP-OV-009', name: 'Luojia' },
  ecommerce: true,
  grossWeightKg: 10,
  commodity: { description: 'Phone cases', category: 'ECOMMERCE_PARCELS' as const, hsCode: '39269090', declaredValue: { amount: 100, currency: 'USD' } },
};

interface Row {
  name: string;
  cargo: Partial<CargoFacts>;
  grade?: CreditGrade | 'UNKNOWN';
  registry?: readonly DgQualification[];
  config?: CustomsRulesConfig;
  now?: Date;
  /** Expected hold reason codes, in order (empty → released). */
  holds: string[];
  rules?: string[];
  release?: 'FULL' | 'CONDITIONAL';
  releaseReasons?: string[];
  passes?: string[];
  cao?: boolean;
  priority?: 'FAST_LANE' | 'NORMAL';
  postReleaseCheck?: boolean;
  explanation?: RegExp;
}

const rows: Row[] = [
  { name: 'general cargo, grade A, not selected → FULL release', cargo: {}, holds: [], release: 'FULL', releaseReasons: ['NO_HOLD'], cao: false, priority: 'NORMAL', postReleaseCheck: false },
  { name: 'grade A, AWB drawn under 2% → SCREENING', cargo: { awb: ALWAYS_SELECTED_AWB }, holds: ['SCREENING'], rules: [RuleId.SCREENING_SELECTED], explanation: /credit grade A: selected for deep screening \(2% share/ },
  { name: 'grade C, draw ≥ 30% → not selected', cargo: {}, grade: 'C', holds: [], release: 'FULL' },
  { name: 'grade D → always screened (100%)', cargo: {}, grade: 'D', holds: ['SCREENING'] },
  { name: 'shipper missing from the credit registry → treated as D', cargo: {}, grade: 'UNKNOWN', holds: ['SCREENING'], explanation: /not in the credit registry \(treated as grade D\)/ },
  {
    name: 'lithium UN3480/PI965, shipper+agent+manufacturer qualified → DG passed, CAO',
    cargo: QUALIFIED_LITHIUM,
    holds: [],
    release: 'FULL',
    releaseReasons: ['NO_HOLD', 'DG_QUALIFIED'],
    cao: true,
  },
  {
    name: 'lithium from a qualified grade-D shipper → DG passed AND screening-held',
    cargo: { shipper: { id: 'SHP-HS-002', name: 'Huangshi' }, dangerousGoods: [LITHIUM_ION] },
    grade: 'D',
    registry: [...DG_REGISTRY, GRADE_D_QUALIFIED],
    holds: ['SCREENING'],
    passes: ['DG_QUALIFIED'],
    cao: true,
  },
  {
    name: 'lithium from an unregistered shipper (SHP-HS-002) → DG_QUALIFICATION',
    cargo: { shipper: { id: 'SHP-HS-002', name: 'Huangshi' }, dangerousGoods: [LITHIUM_ION] },
    holds: ['DG_QUALIFICATION'],
    rules: [RuleId.DG_PARTY_NOT_QUALIFIED],
    explanation: /shipper SHP-HS-002 has no dangerous-goods qualification/,
  },
  {
    name: 'expired shipper qualification (SHP-OV-008, 2024-12-31) → DG_QUALIFICATION',
    cargo: { shipper: { id: 'SHP-OV-008', name: 'Xinyuan' }, dangerousGoods: [LITHIUM_ION] },
    holds: ['DG_QUALIFICATION'],
    explanation: /shipper SHP-OV-008 qualification HB-DGQ-2023-0102 expired on 2024-12-31/,
  },
  {
    name: 'expiry is checked on the Beijing date: 2024-12-31 23:59 Beijing still valid',
    cargo: { shipper: { id: 'SHP-OV-008', name: 'Xinyuan' }, dangerousGoods: [LITHIUM_ION] },
    now: new Date('2024-12-31T15:59:00Z'),
    holds: [],
    release: 'FULL',
  },
  {
    name: 'shipper qualified only for UN3481 ships UN3480 → out of scope',
    cargo: { shipper: { id: 'SHP-OV-004', name: 'Zhilian' }, dangerousGoods: [LITHIUM_ION] },
    holds: ['DG_QUALIFICATION'],
    explanation: /qualified, but not for this class\/UN number/,
  },
  {
    name: 'shipper qualified for UN3481 ships UN3481/PI966 → passed, not CAO',
    cargo: { shipper: { id: 'SHP-OV-004', name: 'Zhilian' }, dangerousGoods: [{ ...LITHIUM_ION, unNumber: 'UN3481', packingInstruction: 'PI966' }] },
    holds: [],
    release: 'FULL',
    cao: false,
  },
  {
    name: 'qualified shipper, expired agent (AGT-002) → DG_QUALIFICATION for the agent',
    cargo: { ...QUALIFIED_LITHIUM, agentId: 'AGT-002' },
    holds: ['DG_QUALIFICATION'],
    explanation: /agent AGT-002 qualification HB-DGQ-2024-0015 expired on 2025-12-31/,
  },
  {
    name: 'agent qualified only from 2027-01-01 (AGT-004) → not yet valid',
    cargo: { ...QUALIFIED_LITHIUM, agentId: 'AGT-004' },
    holds: ['DG_QUALIFICATION'],
    explanation: /agent AGT-004 qualification JS-DGQ-2027-0001 is valid only from 2027-01-01/,
  },
  {
    name: 'unregistered manufacturer (MFR-006) → DG_QUALIFICATION',
    cargo: { ...QUALIFIED_LITHIUM, manufacturerId: 'MFR-006' },
    holds: ['DG_QUALIFICATION'],
    explanation: /manufacturer MFR-006 has no dangerous-goods qualification/,
  },
  {
    name: 'expired manufacturer (MFR-007) and expired agent → two DG findings',
    cargo: { ...QUALIFIED_LITHIUM, manufacturerId: 'MFR-007', agentId: 'AGT-002' },
    holds: ['DG_QUALIFICATION', 'DG_QUALIFICATION'],
  },
  {
    name: 'no agent or manufacturer given → only the shipper is checked',
    cargo: { shipper: { id: 'SHP-OV-001', name: 'Xinghe' }, dangerousGoods: [LITHIUM_ION] },
    holds: [],
    passes: ['DG_QUALIFIED'],
  },
  {
    name: 'UN3090/PI968 lithium metal alone → cargo aircraft only',
    cargo: { shipper: { id: 'SHP-NB-001', name: 'Gangcheng' }, dangerousGoods: [{ ...LITHIUM_ION, unNumber: 'UN3090', packingInstruction: 'PI968', properShippingName: 'Lithium metal batteries' }] },
    holds: [],
    cao: true,
  },
  {
    name: 'a DG line declared CAO by the shipper → cargo aircraft only',
    cargo: { shipper: { id: 'SHP-OV-001', name: 'Xinghe' }, dangerousGoods: [{ ...LITHIUM_ION, unNumber: 'UN3481', packingInstruction: 'PI966', cargoAircraftOnly: true }] },
    holds: [],
    cao: true,
  },
  { name: 'CAO special handling code → cargo aircraft only', cargo: { specialHandlingCodes: ['CAO'] }, holds: [], cao: true },
  {
    name: 'missing HS code → DOCUMENTS',
    cargo: { commodity: { description: 'Optical parts', category: 'OPTOELECTRONICS' } },
    holds: ['DOCUMENTS'],
    rules: [RuleId.DOCUMENTS_MISSING_HS_CODE],
    explanation: /No HS code declared/,
  },
  { name: 'RLI handling without a DG line → DOCUMENTS (inconsistent)', cargo: { specialHandlingCodes: ['RLI'] }, holds: ['DOCUMENTS'], rules: [RuleId.DOCUMENTS_DG_CODE_WITHOUT_DG_LINE] },
  {
    name: 'lithium batteries category with neither DG line nor ELI/ELM → DOCUMENTS',
    cargo: { commodity: { description: 'Power banks', category: 'LITHIUM_BATTERIES', hsCode: '85076000' } },
    holds: ['DOCUMENTS'],
    rules: [RuleId.DOCUMENTS_LITHIUM_NOT_DECLARED],
  },
  {
    name: 'lithium batteries category with ELI (section II) → no DG line needed',
    cargo: { commodity: { description: 'Phones with batteries', category: 'LITHIUM_BATTERIES', hsCode: '85171300' }, specialHandlingCodes: ['ELI'] },
    holds: [],
    release: 'FULL',
  },
  {
    name: 'pharma → fast lane',
    cargo: { commodity: { description: 'Vaccines', category: 'PHARMA', hsCode: '30022000' }, specialHandlingCodes: ['PIL', 'COL'] },
    holds: [],
    release: 'FULL',
    releaseReasons: ['NO_HOLD', 'FAST_LANE'],
    priority: 'FAST_LANE',
  },
  { name: 'perishables → fast lane', cargo: { commodity: { description: 'Cherries', category: 'PERISHABLES', hsCode: '08092900' } }, holds: [], priority: 'FAST_LANE' },
  { name: 'express mail → fast lane', cargo: { commodity: { description: 'Documents', category: 'EXPRESS_MAIL', hsCode: '49011000' } }, holds: [], priority: 'FAST_LANE' },
  { name: 'general goods with COL handling → fast lane', cargo: { specialHandlingCodes: ['COL'] }, holds: [], priority: 'FAST_LANE' },
  {
    name: 'fast-lane goods held by screening keep FAST_LANE for their later release',
    cargo: { awb: ALWAYS_SELECTED_AWB, commodity: { description: 'Vaccines', category: 'PHARMA', hsCode: '30022000' } },
    holds: ['SCREENING'],
    passes: ['FAST_LANE'],
    priority: 'FAST_LANE',
  },
  {
    name: 'chilled aquatic → CONDITIONAL release (two-stage), fast lane',
    cargo: { shipper: { id: 'SHP-EZ-001', name: 'Liangzihu' }, commodity: { description: 'Chilled crayfish', category: 'CHILLED_AQUATIC', hsCode: '03063990' }, specialHandlingCodes: ['PES'] },
    grade: 'B',
    holds: [],
    release: 'CONDITIONAL',
    releaseReasons: ['NO_HOLD', 'FAST_LANE', 'PORT_INSPECTION_PASSED'],
    priority: 'FAST_LANE',
  },
  {
    name: 'e-commerce, not flagged → released in the flow',
    cargo: ECOMMERCE,
    holds: [],
    release: 'FULL',
    releaseReasons: ['NO_HOLD', 'ECOMMERCE_FLOW_ALONG'],
  },
  {
    name: 'e-commerce sampled (share 1) → post-release check, still released',
    cargo: ECOMMERCE,
    config: { ...DEFAULT_CUSTOMS_RULES_CONFIG, ecommerce: { ...DEFAULT_CUSTOMS_RULES_CONFIG.ecommerce, sampleShare: 1 } },
    holds: [],
    release: 'FULL',
    postReleaseCheck: true,
  },
  {
    name: 'e-commerce with sample share 0 → no post-release check',
    cargo: ECOMMERCE,
    config: { ...DEFAULT_CUSTOMS_RULES_CONFIG, ecommerce: { ...DEFAULT_CUSTOMS_RULES_CONFIG.ecommerce, sampleShare: 0 } },
    holds: [],
    postReleaseCheck: false,
  },
  {
    name: 'e-commerce with a blacklisted HS code → ECOMMERCE_RISK, no sample',
    cargo: { ...ECOMMERCE, commodity: { ...ECOMMERCE.commodity, hsCode: '24022000' } },
    config: { ...DEFAULT_CUSTOMS_RULES_CONFIG, ecommerce: { ...DEFAULT_CUSTOMS_RULES_CONFIG.ecommerce, sampleShare: 1 } },
    holds: ['ECOMMERCE_RISK'],
    rules: [RuleId.ECOMMERCE_BLACKLISTED_HS],
    postReleaseCheck: false,
    explanation: /HS code 24022000 falls under 2402/,
  },
  {
    name: 'e-commerce declared 1000 USD for 1 kg (7100 CNY/kg > 3000) → ECOMMERCE_RISK',
    cargo: { ...ECOMMERCE, grossWeightKg: 1, commodity: { ...ECOMMERCE.commodity, declaredValue: { amount: 1000, currency: 'USD' } } },
    holds: ['ECOMMERCE_RISK'],
    rules: [RuleId.ECOMMERCE_VALUE_PER_KG],
    explanation: /about 7100 CNY\/kg, above the 3000 CNY\/kg limit/,
  },
  {
    name: 'e-commerce value in a currency without a rate → ECOMMERCE_RISK',
    cargo: { ...ECOMMERCE, commodity: { ...ECOMMERCE.commodity, declaredValue: { amount: 50, currency: 'CHF' } } },
    holds: ['ECOMMERCE_RISK'],
    rules: [RuleId.ECOMMERCE_CURRENCY_UNASSESSABLE],
  },
  {
    name: 'e-commerce without a declared value → DOCUMENTS',
    cargo: { ...ECOMMERCE, commodity: { description: 'Phone cases', category: 'ECOMMERCE_PARCELS', hsCode: '39269090' } },
    holds: ['DOCUMENTS'],
    rules: [RuleId.DOCUMENTS_ECOMMERCE_VALUE_MISSING],
  },
  {
    name: 'non-e-commerce high value per kg is not an e-commerce rule',
    cargo: { grossWeightKg: 1, commodity: { description: 'Diamonds', category: 'JEWELLERY', hsCode: '71023900', declaredValue: { amount: 100000, currency: 'USD' } } },
    holds: [],
  },
  {
    name: 'combination: missing HS code + unqualified DG party + screening selection',
    cargo: { awb: ALWAYS_SELECTED_AWB, shipper: { id: 'SHP-HS-002', name: 'Huangshi' }, dangerousGoods: [LITHIUM_ION], commodity: { description: 'Cells', category: 'LITHIUM_BATTERIES' } },
    grade: 'D',
    holds: ['DOCUMENTS', 'DG_QUALIFICATION', 'SCREENING'],
    cao: true,
  },
  {
    name: 'combination: chilled aquatic held by screening → no release, two-stage pending',
    cargo: { awb: ALWAYS_SELECTED_AWB, commodity: { description: 'Chilled fish', category: 'CHILLED_AQUATIC', hsCode: '03028900' } },
    holds: ['SCREENING'],
    priority: 'FAST_LANE',
  },
];

describe('decideIntake (control rules)', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const grade = row.grade === 'UNKNOWN' ? undefined : (row.grade ?? 'A');
    const d: CustomsDecision = decide(cargo(row.cargo), grade, { registry: row.registry, config: row.config, now: row.now });
    expect(d.holds.map((h) => h.code)).toEqual(row.holds);
    if (row.rules) expect(d.holds.map((h) => h.rule)).toEqual(row.rules);
    if (row.holds.length === 0) {
      expect(d.release).toBeDefined();
      if (row.release) expect(d.release?.kind).toBe(row.release);
    } else {
      expect(d.release).toBeUndefined();
    }
    if (row.releaseReasons) expect(d.release?.reasons.map((r) => r.code)).toEqual(row.releaseReasons);
    if (row.passes) expect(d.passes.map((p) => p.code)).toEqual(expect.arrayContaining(row.passes));
    if (row.cao !== undefined) expect(d.cargoAircraftOnly).toBe(row.cao);
    if (row.priority) expect(d.priority).toBe(row.priority);
    if (row.postReleaseCheck !== undefined) expect(d.postReleaseCheck).toBe(row.postReleaseCheck);
    if (row.explanation) expect(d.holds.map((h) => h.explanation).join('\n')).toMatch(row.explanation);
    for (const h of d.holds) {
      expect(h.explanation.length).toBeGreaterThan(0);
      expect(h.explanation.length).toBeLessThanOrEqual(500);
    }
    for (const r of d.release?.reasons ?? []) expect(r.code).toMatch(/^[A-Z][A-Z0-9_]{1,63}$/);
  });

  it('is deterministic: the same input gives the same decision', () => {
    const c = cargo({ ...QUALIFIED_LITHIUM, awb: awbOf(4_242_424) });
    expect(decide(c, 'C')).toEqual(decide(c, 'C'));
  });

  it('screening selection is reproducible per AWB and matches the grade share over many AWBs', () => {
    const config = DEFAULT_CUSTOMS_RULES_CONFIG;
    let selected = 0;
    const n = 4000;
    for (let i = 0; i < n; i += 1) {
      const awb = awbOf(2_000_000 + i);
      const first = selectForScreening(awb, 'C', config);
      expect(selectForScreening(awb, 'C', config)).toEqual(first);
      if (first.selected) selected += 1;
    }
    expect(selected / n).toBeGreaterThan(0.27);
    expect(selected / n).toBeLessThan(0.33);
  });

  it('share 0 never selects, share 1 always selects', () => {
    const config: CustomsRulesConfig = { ...DEFAULT_CUSTOMS_RULES_CONFIG, screeningShares: { A: 0, B: 0, C: 0, D: 1 } };
    for (let i = 0; i < 200; i += 1) {
      const awb = awbOf(3_000_000 + i);
      expect(selectForScreening(awb, 'A', config).selected).toBe(false);
      expect(selectForScreening(awb, 'D', config).selected).toBe(true);
    }
  });

  it('screening and e-commerce sample draws are independent purposes', () => {
    const awb = awbWhere((s, e) => Math.abs(s - e) > 0.5);
    expect(deterministicDraw(DrawPurpose.SCREENING, awb)).not.toBeCloseTo(deterministicDraw(DrawPurpose.ECOMMERCE_SAMPLE, awb), 1);
  });

  it('fixture AWBs sit where the table needs them', () => {
    expect(deterministicDraw(DrawPurpose.SCREENING, UNSELECTED_AWB)).toBeGreaterThanOrEqual(0.3);
    expect(deterministicDraw(DrawPurpose.SCREENING, ALWAYS_SELECTED_AWB)).toBeLessThan(0.02);
  });

  it('reads validity dates as hub (Beijing time) dates', () => {
    expect(hubLocalDate(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
    expect(hubLocalDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(hubLocalDate(NOW)).toBe('2026-11-25');
  });
});
