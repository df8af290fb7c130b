import { COMMODITY_CATEGORIES, CREDIT_CODE_PATTERN, CREDIT_GRADES, creditGradeForScore, PARTY_ID_PATTERN } from '@cargo/contracts';
import { findStation } from '../stations/stations.seed';
import { AGENTS, MANUFACTURERS, SHIPPERS } from './parties.seed';

describe('parties', () => {
  const all = [...SHIPPERS, ...AGENTS, ...MANUFACTURERS];

  it('has about 40 shippers with unique ids and credit codes', () => {
    expect(SHIPPERS.length).toBeGreaterThanOrEqual(35);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(new Set(all.map((p) => p.creditCode)).size).toBe(all.length);
    for (const p of all) {
      expect(p.id).toMatch(PARTY_ID_PATTERN);
      expect(p.creditCode).toMatch(CREDIT_CODE_PATTERN);
    }
  });

  it.each(SHIPPERS.map((s) => [s.id, s] as const))('%s: grade A–D matching its score, a known station and categories', (_id, s) => {
    expect(CREDIT_GRADES).toContain(s.creditGrade);
    expect(s.creditScore).toBeGreaterThanOrEqual(0);
    expect(s.creditScore).toBeLessThanOrEqual(100);
    expect(s.creditGrade).toBe(creditGradeForScore(s.creditScore));
    expect(findStation(s.stationCode)).toBeDefined();
    expect(s.commodityCategories.length).toBeGreaterThan(0);
    for (const c of s.commodityCategories) expect(COMMODITY_CATEGORIES).toContain(c);
  });

  it('spreads over every grade, e-commerce sellers and lithium battery makers', () => {
    expect(new Set(SHIPPERS.map((s) => s.creditGrade))).toEqual(new Set(CREDIT_GRADES));
    expect(SHIPPERS.filter((s) => s.ecommerce).length).toBeGreaterThanOrEqual(4);
    expect(SHIPPERS.filter((s) => s.commodityCategories.includes('LITHIUM_BATTERIES')).length).toBeGreaterThanOrEqual(5);
    expect(SHIPPERS.filter((s) => s.stationCode === 'OVS').length).toBeGreaterThanOrEqual(10);
  });
});
