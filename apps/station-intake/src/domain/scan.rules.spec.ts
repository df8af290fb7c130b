import { checkScanRules, scanUpdatesStatus, statusAfterScan, type ScanDraft, type ScanRuleContext } from './scan.rules';

const ctx: ScanRuleContext = {
  now: new Date('2026-11-25T06:00:00Z'),
  limits: { clockSkewToleranceMs: 60_000 },
  intake: { receivedAt: new Date('2026-11-25T03:00:00Z'), pieces: 10 },
};
const scan = (overrides: Partial<ScanDraft> = {}): ScanDraft => ({
  code: 'FOH',
  happenedAt: '2026-11-25T04:00:00Z',
  recordedAt: '2026-11-25T04:01:00Z',
  ...overrides,
});
const fields = (s: ScanDraft) => checkScanRules(s, ctx).map((e) => e.field);

describe('checkScanRules', () => {
  it('accepts a plain on-hand scan', () => {
    expect(checkScanRules(scan(), ctx)).toEqual([]);
  });

  it.each(['LOT', 'TDP'] as const)('requires the truck for %s', (code) => {
    expect(fields(scan({ code }))).toEqual(['truckId']);
    expect(checkScanRules(scan({ code, truckId: '鄂A·12345' }), ctx)).toEqual([]);
  });

  it('takes TAR (truck arrived at the airport) with the truck and the airport it reached, WUH or EHU', () => {
    expect(checkScanRules(scan({ code: 'TAR', truckId: '鄂A·12345', airport: 'EHU' }), ctx)).toEqual([]);
    expect(fields(scan({ code: 'TAR', airport: 'WUH' }))).toEqual(['truckId']);
    expect(fields(scan({ code: 'TAR', truckId: '鄂A·12345' }))).toEqual(['airport']);
    expect(fields(scan({ code: 'TAR', truckId: '鄂A·12345', airport: 'PVG' }))).toEqual(['airport']);
  });

  it('refuses an airport on scans that happen at the station', () => {
    expect(checkScanRules(scan({ code: 'FOH', airport: 'WUH' }), ctx)).toEqual([
      { field: 'airport', message: 'airport is only for TAR scans (a FOH scan happens at the station)' },
    ]);
  });

  it('rejects more pieces than were received', () => {
    expect(fields(scan({ pieces: 11 }))).toEqual(['pieces']);
    expect(checkScanRules(scan({ pieces: 10 }), ctx)).toEqual([]);
  });

  it('rejects scans in the future beyond the tolerance', () => {
    expect(fields(scan({ happenedAt: '2026-11-25T06:01:01Z', recordedAt: '2026-11-25T06:01:01Z' }))).toEqual(['happenedAt', 'recordedAt']);
    expect(checkScanRules(scan({ happenedAt: '2026-11-25T06:00:59Z', recordedAt: '2026-11-25T06:00:59Z' }), ctx)).toEqual([]);
  });

  it('rejects a scan that happened before the shipment was received', () => {
    expect(checkScanRules(scan({ happenedAt: '2026-11-25T02:58:00Z' }), ctx)).toEqual([
      { field: 'happenedAt', message: expect.stringMatching(/before the shipment was received \(2026-11-25T03:00:00.000Z\)/) },
    ]);
  });

  it('accepts a late scan (recorded long after it happened) but not one recorded before it happened', () => {
    expect(checkScanRules(scan({ happenedAt: '2026-11-25T03:10:00Z', recordedAt: '2026-11-25T05:50:00Z' }), ctx)).toEqual([]);
    expect(fields(scan({ happenedAt: '2026-11-25T04:00:00Z', recordedAt: '2026-11-25T03:30:00Z' }))).toEqual(['recordedAt']);
  });
});

describe('station status', () => {
  it('maps scans to statuses', () => {
    expect(['RCS', 'FOH', 'LOT', 'TDP', 'TAR', 'DIS'].map((c) => statusAfterScan(c as never))).toEqual([
      'RECEIVED',
      'ON_HAND',
      'LOADED_ON_TRUCK',
      'TRUCK_DEPARTED',
      'TRUCK_ARRIVED',
      'DISCREPANCY',
    ]);
  });

  it('moves only for scans at least as recent as the current status (late scans do not undo later ones)', () => {
    const statusAt = new Date('2026-11-25T05:00:00Z');
    expect(scanUpdatesStatus(new Date('2026-11-25T04:59:59Z'), statusAt)).toBe(false);
    expect(scanUpdatesStatus(new Date('2026-11-25T05:00:00Z'), statusAt)).toBe(true);
    expect(scanUpdatesStatus(new Date('2026-11-25T05:00:01Z'), statusAt)).toBe(true);
  });
});
