import { chargeableWeightKg, roundUpToHalfKg, volumeWeightKg } from './chargeable-weight';

describe('chargeableWeightKg', () => {
  it.each([
    // gross kg, volume m³, expected chargeable kg, why
    [100, 0.3, 100, 'dense: gross wins (volume weight 50 kg)'],
    [100, 1.2, 200, 'light: volume weight wins (1.2 m³ = 200 kg exactly)'],
    [486.5, 2.4, 486.5, 'gross already on a half kg'],
    [820, 6.1, 1017, 'volume weight 1016.67 kg rounds up to 1017'],
    [10.01, 0.01, 10.5, 'gross 10.01 rounds up to 10.5'],
    [10.6, 0, 11, 'gross 10.6 rounds up to 11'],
    [1, 0.9, 150, '0.9 m³ is exactly 150 kg: no floating-point bump to 150.5'],
    [0.2, 0.001, 0.5, 'small parcel: 0.167 kg volume, 0.2 kg gross, charged 0.5'],
    [50000, 400, 66667, 'a B767F by volume: 66,666.67 kg rounds to 66,667'],
  ])('gross %p kg, %p m³ → %p kg (%s)', (gross, volume, expected) => {
    expect(chargeableWeightKg(gross, volume)).toBe(expected);
  });

  it('uses 6000 cm³ per kg', () => {
    expect(volumeWeightKg(6)).toBe(1000);
  });

  it('rounds only upwards, to halves', () => {
    expect(roundUpToHalfKg(3)).toBe(3);
    expect(roundUpToHalfKg(3.0001)).toBe(3.5);
    expect(roundUpToHalfKg(3.5)).toBe(3.5);
    expect(roundUpToHalfKg(3.51)).toBe(4);
  });

  it.each([
    [-1, 1, 'gross weight'],
    [1, -1, 'volume'],
    [Number.NaN, 1, 'gross weight'],
    [1, Number.POSITIVE_INFINITY, 'volume'],
  ])('rejects gross %p / volume %p', (gross, volume, what) => {
    expect(() => chargeableWeightKg(gross, volume)).toThrow(RangeError);
    expect(() => chargeableWeightKg(gross, volume)).toThrow(what);
  });
});
