/**
 * Why customs or security holds a shipment (DOMAIN.md, "Control rules"). Stable codes: they are
 * filtered on in the officer API and counted on the dashboard.
 */
export const HoldReason = {
  /** Dangerous goods (e.g. lithium batteries) from a shipper, agent or manufacturer not qualified, or whose qualification expired. */
  DG_QUALIFICATION: 'DG_QUALIFICATION',
  /** Selected for deep security screening by the party's credit grade; waits for a screening result. */
  SCREENING: 'SCREENING',
  /** Missing HS code or an inconsistent declaration. */
  DOCUMENTS: 'DOCUMENTS',
  /** Cross-border e-commerce parcel flagged by the risk rules (e.g. value vs weight, blacklisted HS code). */
  ECOMMERCE_RISK: 'ECOMMERCE_RISK',
  /** Chilled aquatic products: the lab result of two-stage access failed. */
  LAB_RESULT: 'LAB_RESULT',
  /** Placed by an officer. */
  MANUAL: 'MANUAL',
  /** Deep screening found a problem; the cargo stays held with the finding. */
  SCREENING_FAILED: 'SCREENING_FAILED',
} as const;
export type HoldReason = (typeof HoldReason)[keyof typeof HoldReason];
export const HOLD_REASONS: readonly HoldReason[] = Object.values(HoldReason);

/** Who places or lifts a hold. `SYSTEM` is the rules engine of customs-hold. */
export const ActorRole = {
  SYSTEM: 'SYSTEM',
  CUSTOMS_OFFICER: 'CUSTOMS_OFFICER',
  SECURITY_SCREENER: 'SECURITY_SCREENER',
  /** A customs authority's system acting as a machine client (places and lifts customs holds). */
  CUSTOMS_SYSTEM: 'CUSTOMS_SYSTEM',
} as const;
export type ActorRole = (typeof ActorRole)[keyof typeof ActorRole];
export const ACTOR_ROLES: readonly ActorRole[] = Object.values(ActorRole);

/**
 * Known release reason codes. A release's reason code is validated as UPPER_SNAKE rather than
 * against this list, so customs-hold can add a reason without a contracts change; consumers show the
 * explanation and must not reject an unknown code.
 */
export const ReleaseReason = {
  /** No rule held the shipment. */
  NO_HOLD: 'NO_HOLD',
  /** All parties qualified for the dangerous goods declared. */
  DG_QUALIFIED: 'DG_QUALIFIED',
  SCREENING_PASSED: 'SCREENING_PASSED',
  /** Cold-chain or time-critical goods released with priority. */
  FAST_LANE: 'FAST_LANE',
  /** Two-stage access, first stage: released after port inspection, lab result pending. */
  PORT_INSPECTION_PASSED: 'PORT_INSPECTION_PASSED',
  /** Two-stage access, second stage. */
  LAB_PASSED: 'LAB_PASSED',
  /** Cross-border e-commerce released in the flow (flow-along supervision). */
  ECOMMERCE_FLOW_ALONG: 'ECOMMERCE_FLOW_ALONG',
  DOCUMENTS_COMPLETED: 'DOCUMENTS_COMPLETED',
  OFFICER_DECISION: 'OFFICER_DECISION',
} as const;
export type ReleaseReason = (typeof ReleaseReason)[keyof typeof ReleaseReason];

/** Stable reason code: UPPER_SNAKE, 2–64 characters. */
export const REASON_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;
