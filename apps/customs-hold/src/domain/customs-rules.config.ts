import type { CreditGrade } from '@cargo/contracts';

/**
 * The tunable part of the control rules (validated at boot from the environment; see
 * `CustomsHoldConfig`).
 *
 * Invariants: every share is in [0, 1]; `maxDeclaredValuePerKgCny` > 0; HS prefixes are 2–10 digits.
 */
export interface CustomsRulesConfig {
  /** Deep-screening share per credit grade (A best … D worst), e.g. A 0.02, B 0.10, C 0.30, D 1. */
  screeningShares: Readonly<Record<CreditGrade, number>>;
  ecommerce: {
    /** Declared value per kg of gross weight above which an e-commerce parcel is risk-flagged (CNY). */
    maxDeclaredValuePerKgCny: number;
    /** HS code prefixes not allowed through the e-commerce flow (risk-flagged). */
    blacklistedHsPrefixes: readonly string[];
    /** Share of unflagged e-commerce shipments marked for a post-release check. */
    sampleShare: number;
  };
}

/**
 * Indicative conversion rates to CNY used by the e-commerce value rule. A declared value in a
 * currency missing here cannot be assessed, which is itself a risk flag (never a crash).
 */
export const INDICATIVE_CNY_RATES: Readonly<Record<string, number>> = {
  CNY: 1,
  USD: 7.1,
  EUR: 7.7,
  GBP: 9.0,
  HKD: 0.91,
  JPY: 0.047,
  KRW: 0.0051,
  SGD: 5.3,
};

export const DEFAULT_CUSTOMS_RULES_CONFIG: CustomsRulesConfig = {
  screeningShares: { A: 0.02, B: 0.1, C: 0.3, D: 1 },
  ecommerce: { maxDeclaredValuePerKgCny: 3000, blacklistedHsPrefixes: ['93', '2402', '2403', '7106', '7108'], sampleShare: 0.05 },
};
