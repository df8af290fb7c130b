import { HOME_HUBS, STATION_CODE_PATTERN } from '@cargo/contracts';
import { AIRPORTS } from '../airports/airports.seed';
import { findStation, STATIONS } from './stations.seed';

describe('STATIONS', () => {
  it('has unique codes that never collide with an airport code', () => {
    const codes = STATIONS.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(STATION_CODE_PATTERN);
      expect(AIRPORTS.map((a) => a.code)).not.toContain(code);
    }
  });

  it.each(STATIONS.map((s) => [s.code, s] as const))('%s has a truck time to both hubs', (_code, station) => {
    for (const hub of HOME_HUBS) {
      expect(Number.isInteger(station.truckMinutes[hub])).toBe(true);
      expect(station.truckMinutes[hub]).toBeGreaterThan(0);
      expect(station.truckMinutes[hub]).toBeLessThan(16 * 60);
    }
  });

  it('covers the plan: Optics Valley, two bonded zones, eight metro cities, remote stations in four provinces', () => {
    expect(findStation('OVS')).toMatchObject({ kind: 'FORWARD_HUB', metroArea: true, clearsCustoms: true, truckMinutes: { WUH: 45, EHU: 60 } });
    expect(STATIONS.filter((s) => s.kind === 'BONDED_ZONE')).toHaveLength(2);
    expect(STATIONS.filter((s) => s.kind === 'METRO_CITY').map((s) => s.city).sort()).toEqual(
      ['Ezhou', 'Huanggang', 'Huangshi', 'Qianjiang', 'Tianmen', 'Xianning', 'Xiantao', 'Xiaogan'],
    );
    expect(new Set(STATIONS.filter((s) => s.kind === 'REMOTE').map((s) => s.province))).toEqual(new Set(['Jiangsu', 'Zhejiang', 'Guangdong', 'Fujian']));
  });

  it('counts only Hubei stations in the metro area, and remote ones are hours away', () => {
    for (const s of STATIONS) {
      expect(s.metroArea).toBe(s.province === 'Hubei');
      if (s.kind === 'REMOTE') expect(Math.min(s.truckMinutes.WUH, s.truckMinutes.EHU)).toBeGreaterThan(6 * 60);
    }
    expect(defined(findStation('EZS')).truckMinutes.EHU).toBeLessThan(30);
  });
});

function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
