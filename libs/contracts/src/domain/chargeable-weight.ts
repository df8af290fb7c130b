/**
 * IATA volumetric divisor: 6000 cm³ per kg, i.e. 1 m³ "weighs" 166.67 kg for charging and capacity.
 */
export const VOLUMETRIC_DIVISOR_CM3_PER_KG = 6000;

/** Volume weight in kg of a volume in m³ (unrounded). */
export function volumeWeightKg(volumeM3: number): number {
  return (volumeM3 * 1_000_000) / VOLUMETRIC_DIVISOR_CM3_PER_KG;
}

/**
 * Round a weight up to the next half kilogram, as IATA rating practice does for kilogram weights
 * (e.g. 10.01 → 10.5, 10.5 → 10.5, 10.6 → 11). A tolerance of 1e-9 kg absorbs floating-point noise,
 * so 0.9 m³ (exactly 150 kg) is not pushed to 150.5.
 */
export function roundUpToHalfKg(kg: number): number {
  return Math.ceil(kg * 2 - 1e-9) / 2;
}

/**
 * Chargeable weight: the greater of actual gross weight and volume weight at 6000 cm³/kg, rounded up
 * to the next 0.5 kg. Flight capacity is booked in chargeable weight.
 *
 * @throws RangeError when a weight or volume is negative or not a finite number.
 */
export function chargeableWeightKg(grossKg: number, volumeM3: number): number {
  if (!Number.isFinite(grossKg) || grossKg < 0) throw new RangeError(`gross weight must be a finite number ≥ 0 kg, got ${grossKg}`);
  if (!Number.isFinite(volumeM3) || volumeM3 < 0) throw new RangeError(`volume must be a finite number ≥ 0 m³, got ${volumeM3}`);
  return roundUpToHalfKg(Math.max(grossKg, volumeWeightKg(volumeM3)));
}
