import { DG_REGISTRY } from '@cargo/seeds';
import type { CreditGrade, DgQualification } from '@cargo/contracts';
import { decideIntake, type CargoFacts, type CustomsDecision, type DgLineFacts } from './customs-decision.rules';
import { DEFAULT_CUSTOMS_RULES_CONFIG, type CustomsRulesConfig } from './customs-rules.config';
import { DrawPurpose, deterministicDraw } from './deterministic-draw.util';

/** Test fixtures for the domain specs (not used by production code). */

export const NOW = new Date('2026-11-25T02:00:00Z');

/** A valid AWB (`PPP-SSSSSSSC`, check digit = serial mod 7) for a serial. */
export function awbOf(serial: number, prefix = '784'): string {
  const s = String(serial).padStart(7, '0');
  return `${prefix}-${s}${serial % 7}`;
}

/** The first AWB (from `start`) whose screening and e-commerce draws satisfy `predicate`. */
export function awbWhere(predicate: (screeningDraw: number, sampleDraw: number) => boolean, start = 1_000_000): string {
  for (let serial = start; serial < start + 200_000; serial += 1) {
    const awb = awbOf(serial);
    if (predicate(deterministicDraw(DrawPurpose.SCREENING, awb), deterministicDraw(DrawPurpose.ECOMMERCE_SAMPLE, awb))) return awb;
  }
  throw new Error('no AWB found for the predicate');
}

/** Never selected for screening at the default shares of grades A–C (draw ≥ 0.3). */
export const UNSELECTED_AWB = awbWhere((d) => d >= 0.3);
/** Selected at every default share (draw < 0.02). */
export const ALWAYS_SELECTED_AWB = awbWhere((d) => d < 0.02);

export const LITHIUM_ION: DgLineFacts = {
  unNumber: 'UN3480',
  class: '9',
  packingInstruction: 'PI965',
  properShippingName: 'Lithium ion batteries',
};

export function cargo(overrides: Partial<CargoFacts> = {}): CargoFacts {
  return {
    awb: UNSELECTED_AWB,
    stationCode: 'OVS',
    shipper: { id: 'SHP-OV-002', name: 'Wuhan Chuxin Optical Communication Co., Ltd.' },
    grossWeightKg: 120,
    commodity: { description: 'Optical transceivers', category: 'OPTOELECTRONICS', hsCode: '85176299', declaredValue: { amount: 20000, currency: 'USD' } },
    specialHandlingCodes: [],
    dangerousGoods: [],
    ecommerce: false,
    ...overrides,
  };
}

export function decide(
  c: CargoFacts,
  grade: CreditGrade | undefined,
  options: { registry?: readonly DgQualification[]; config?: CustomsRulesConfig; now?: Date } = {},
): CustomsDecision {
  return decideIntake({
    cargo: c,
    shipperCreditGrade: grade,
    dgRegistry: options.registry ?? DG_REGISTRY,
    config: options.config ?? DEFAULT_CUSTOMS_RULES_CONFIG,
    now: options.now ?? NOW,
  });
}
