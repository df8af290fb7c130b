import { formatDaySummary, type KpiFigures } from './day-summary.formatter';

const kpis: KpiFigures = {
  asOf: '2026-11-26T22:00:00.000Z',
  airSelfTransport: { numerator: 611, denominator: 700, value: 611 / 700, target: 0.9, breakdown: { flown: 611, roadFed: 8, waitlisted: 70, exceptions: 5, undecided: 6 } },
  onTime: [
    { serviceLevel: 'D1', numerator: 190, denominator: 200, value: 0.95, lateDelivered: 4, lateNotDelivered: 6, notYetDue: 12 },
    { serviceLevel: 'D2', numerator: 0, denominator: 0, value: null, lateDelivered: 0, lateNotDelivered: 0, notYetDue: 204 },
    { serviceLevel: 'D3', numerator: 0, denominator: 0, value: null, lateDelivered: 0, lateNotDelivered: 0, notYetDue: 90 },
  ],
  expressLines: { shanghaiPerDay: 20, hongKongPerDay: 5, completedDays: 1 },
  internationalRoutes: { count: 22, target: 20 },
  transferRoutes: { count: 9, target: 25 },
  customsHoldHours: { count: 120, medianHours: 1.25, p90Hours: 3.4, open: 5 },
  loadFactors: { byAirport: [{ key: 'EHU', numerator: 82, denominator: 100, value: 0.82 }] },
};

describe('formatDaySummary', () => {
  const lines = formatDaySummary({
    at: new Date('2026-11-26T22:00:00Z'),
    statusCounts: { DLV: 640, ARR: 2, RCF: 3, NFD: 1, DEP: 95, BKD: 20, MAN: 10, CCD: 8, TGC: 5, RCS: 1, FOH: 1 },
    exceptions: [{ awb: '784-00000011', reason: { code: 'NO_COLD_CHAIN' } }, ...['22', '33', '44'].map((n) => ({ awb: `784-000000${n}`, reason: { code: 'CAO_NO_FREIGHTER' } }))],
    kpis,
  });

  it('says where every shipment ended, one readable line each, with the exceptions by reason', () => {
    expect(lines[0]).toBe('Day summary at 2026-11-26T22:00:00.000Z');
    expect(lines[1]).toBe('Shipments tracked: 786');
    expect(lines.find((l) => l.includes('delivered (DLV)'))).toMatch(/delivered \(DLV\)\s+640$/);
    expect(lines.find((l) => l.includes('arrived, not yet delivered'))).toMatch(/\s6 {3}ARR \/ RCF \/ NFD$/);
    expect(lines.find((l) => l.includes('in transit'))).toMatch(/\s95$/);
    expect(lines.find((l) => l.includes('open exceptions'))).toMatch(/\s4 {3}CAO_NO_FREIGHTER 3, NO_COLD_CHAIN 1$/);
  });

  it('lists the KPIs with their numerators, denominators and what is left out, not a JSON dump', () => {
    expect(lines.some((l) => l.includes('{'))).toBe(false);
    expect(lines).toContain('KPIs as of 2026-11-26T22:00:00.000Z:');
    expect(lines.find((l) => l.includes('Air self-transport rate'))).toContain('87.3 %   611 of 700 metro-area shipments flown; road-fed 8, wait-listed 70, exceptions 5, not decided 6; target 90.0 %');
    expect(lines.find((l) => l.includes('On time D1'))).toContain('95.0 %   190 of 200 due delivered by the promise; delivered late 4, past promise not delivered 6; 12 not yet due');
    expect(lines.find((l) => l.includes('On time D2'))).toContain('—   0 of 0 due');
    expect(lines.find((l) => l.includes('Wuhan–Shanghai'))).toContain('20.0   target ~20 over 1 completed day(s)');
    expect(lines.find((l) => l.includes('Customs hold time'))).toContain('1.3 h / 3.4 h   over 120 released hold(s); 5 still open');
    expect(lines.find((l) => l.includes('Load factor'))).toContain('EHU 82.0 %');
  });

  it('says so when the KPIs are not available', () => {
    expect(formatDaySummary({ at: new Date(0), statusCounts: {}, exceptions: [] }).pop()).toBe('KPIs unavailable (tracking did not answer)');
  });
});
