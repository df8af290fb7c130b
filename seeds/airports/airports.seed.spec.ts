import { IATA_AIRPORT_PATTERN, serviceLevelForRegion } from '@cargo/contracts';
import { AIRPORTS, findAirport } from './airports.seed';

describe('AIRPORTS', () => {
  it('has unique IATA codes with names in both languages and a valid time zone', () => {
    const codes = AIRPORTS.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const a of AIRPORTS) {
      expect(a.code).toMatch(IATA_AIRPORT_PATTERN);
      expect(a.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(a.nameEn.length).toBeGreaterThan(3);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: a.timeZone })).not.toThrow();
    }
  });

  it('marks the hubs', () => {
    expect(AIRPORTS.filter((a) => a.kind === 'HOME_HUB').map((a) => a.code)).toEqual(['WUH', 'EHU']);
    expect(AIRPORTS.filter((a) => a.transferHub).map((a) => a.code)).toEqual(['PVG', 'HKG']);
    expect(findAirport('PVG')?.minConnectionMinutes).toBeGreaterThan(0);
  });

  it.each([
    ['PEK', 'D1'],
    ['HKG', 'D2'],
    ['ICN', 'D2'],
    ['FRA', 'D3'],
    ['LGG', 'D3'],
  ])('derives the service level of %s: %s', (code, level) => {
    expect(serviceLevelForRegion(defined(findAirport(code)).region)).toBe(level);
  });
});

function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
