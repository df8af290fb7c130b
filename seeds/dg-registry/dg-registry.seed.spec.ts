import { DG_CLASSES, UN_NUMBER_PATTERN } from '@cargo/contracts';
import { AGENTS, MANUFACTURERS, SHIPPERS } from '../parties/parties.seed';
import { DG_REGISTRY, dgQualificationsOf } from './dg-registry.seed';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validOn = (partyId: string, day: string) => dgQualificationsOf(partyId).some((e) => e.validFrom <= day && day <= e.validTo);

describe('DG_REGISTRY', () => {
  const parties = new Map([...SHIPPERS, ...AGENTS, ...MANUFACTURERS].map((p) => [p.id, p]));

  it.each(DG_REGISTRY.map((e) => [e.certificateNo, e] as const))('%s: real dates in order, a known party in its role, valid classes', (_no, e) => {
    for (const d of [e.validFrom, e.validTo]) {
      expect(d).toMatch(DATE);
      expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d); // parses, and is a real calendar day
    }
    expect(e.validFrom < e.validTo).toBe(true);
    expect(parties.get(e.partyId)?.role).toBe(e.role);
    expect(e.classes.length).toBeGreaterThan(0);
    for (const c of e.classes) expect(DG_CLASSES).toContain(c);
    for (const un of e.unNumbers) expect(un).toMatch(UN_NUMBER_PATTERN);
  });

  it('has unique certificate numbers', () => {
    expect(new Set(DG_REGISTRY.map((e) => e.certificateNo)).size).toBe(DG_REGISTRY.length);
  });

  it('mixes qualified, expired, not-yet-valid and absent parties for the customs rules', () => {
    const day = '2026-11-25';
    expect(validOn('SHP-OV-001', day)).toBe(true);
    expect(validOn('SHP-OV-008', day)).toBe(false); // expired
    expect(validOn('AGT-004', day)).toBe(false); // from 2027
    expect(dgQualificationsOf('SHP-HS-002')).toEqual([]); // a lithium shipper with no qualification
    expect(dgQualificationsOf('MFR-006')).toEqual([]);
  });
});
