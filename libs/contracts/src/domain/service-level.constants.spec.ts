import { airportKindOf, isHomeHub, isTransferHub } from './airports.constants';
import { serviceLevelDeadline, serviceLevelForRegion, ServiceLevelDays } from './service-level.constants';

describe('the 1-2-3 circle', () => {
  it('promises 1, 2 and 3 days for domestic, Asian and global destinations', () => {
    expect(ServiceLevelDays).toEqual({ D1: 1, D2: 2, D3: 3 });
    expect(serviceLevelForRegion('DOMESTIC')).toBe('D1');
    expect(serviceLevelForRegion('ASIA')).toBe('D2');
    expect(serviceLevelForRegion('GLOBAL')).toBe('D3');
  });

  it('computes the latest on-time arrival', () => {
    expect(serviceLevelDeadline('2026-11-25T09:00:00+08:00', 'D2').toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });

  it('knows the hubs', () => {
    expect(airportKindOf('EHU')).toBe('HOME_HUB');
    expect(airportKindOf('HKG')).toBe('TRANSFER_HUB');
    expect(airportKindOf('FRA')).toBe('DESTINATION');
    expect(isHomeHub('WUH')).toBe(true);
    expect(isHomeHub('PVG')).toBe(false);
    expect(isTransferHub('PVG')).toBe(true);
  });
});
