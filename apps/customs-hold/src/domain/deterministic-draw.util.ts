import { createHash } from 'node:crypto';

/**
 * A reproducible number in [0, 1) for a shipment: the first 48 bits of SHA-256(`<purpose>:<awb>`)
 * divided by 2^48. The same AWB and purpose always give the same draw (so a selection can be
 * explained and replayed); different purposes give independent draws for the same AWB.
 *
 * Pure computation (no I/O, no randomness).
 */
export function deterministicDraw(purpose: string, awb: string): number {
  const digest = createHash('sha256').update(`${purpose}:${awb}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** Purposes of the draws the rules make; changing one reshuffles every selection of that kind. */
export const DrawPurpose = {
  SCREENING: 'deep-screening',
  ECOMMERCE_SAMPLE: 'ecommerce-post-release-sample',
} as const;
