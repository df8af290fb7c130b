import { formatDaySummary, hubLocalClock, type KpiFigures } from './day-summary.formatter';

const kpis: KpiFigures = {
  asOf: '2026-11-26T22:00:00.000Z',
  airSelfTransport: { numerator: 611, denominator: 700, value: 611 / 700, target: 0.9, breakdown: { flown: 611, roadFed: 8, waitlisted: 70, exceptions: 5, undecided: 6 } },
  onTime: [
    { serviceLevel: 'D1', numerator: 190, denominator: 200, value: 0.95, lateDelivered: 4, lateNotDelivered: 6, notYetDue: 12 },
    { serviceLevel: 'D2', numerator: 0, denominator: 0, value: null, lateDelivered: 0, lateNotDelivered: 0, notYetDue: 204 },
    { serviceLevel: 'D3', numerator: 0, denominator: 0, value: null, lateDelivered: 0, lateNotDelivered: 0, notYetDue: 90 },
  ],
  expressLines: { shanghaiPerDay: 20, hongKongPerDay: 5, completedDays: 1, targets: { shanghai: 20, hongKong: { min: 5, max: 6 } } },
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
  const row = (label: string) => lines.find((l) => l.trimStart().startsWith(label)) ?? '';
  /** The terminal column where a cell ends in its line. */
  const endOf = (line: string, cell: string) => [...line.slice(0, line.indexOf(cell) + cell.length)].length;

  it('says when, in hub-local time', () => {
    expect(lines[0]).toBe('Day summary at 2026-11-27 06:00 hub-local time (2026-11-26T22:00:00.000Z)');
    expect(hubLocalClock(new Date('2026-11-24T23:05:00Z'))).toBe('2026-11-25 07:05');
  });

  it('tables where every shipment ended: delivered, in transit, held…, with the counts aligned', () => {
    expect(row('delivered')).toMatch(/^ {2}delivered\s+640 {2}DLV$/);
    expect(row('in transit')).toMatch(/\s95 {2}DEP$/);
    expect(row('held by customs or security')).toMatch(/\s5 {2}TGC$/);
    expect(row('arrived, not yet delivered')).toMatch(/\s6 {2}ARR RCF NFD$/);
    expect(row('total tracked')).toMatch(/\s786$/);
    expect(endOf(row('delivered'), '640')).toBe(endOf(row('in transit'), '95'));
    expect(endOf(row('delivered'), '640')).toBe(endOf(row('total tracked'), '786'));
  });

  it('tables the open exceptions by reason, most frequent first', () => {
    const header = lines.findIndex((l) => l.includes('Open exceptions (ops must resolve)'));
    expect(lines.slice(header + 2, header + 5).map((l) => l.trim().split(/\s+/))).toEqual([
      ['CAO_NO_FREIGHTER', '3'],
      ['NO_COLD_CHAIN', '1'],
      ['total', '4'],
    ]);
    expect(formatDaySummary({ at: new Date(0), statusCounts: {}, exceptions: [] })).toContain('  Open exceptions: none');
  });

  it('tables the KPIs against their targets with a tick or a cross, values aligned, not a JSON dump', () => {
    expect(lines.some((l) => l.includes('{'))).toBe(false);
    expect(row('Air self-transport rate')).toMatch(/87\.3 % {2}≥ 90\.0 % {2}✘ {4}611 of 700 metro-area shipments flown; road-fed 8, wait-listed 70, exceptions 5, not decided 6$/);
    expect(row('International routes')).toMatch(/\s22 {6}≥ 20 {2}✔$/);
    expect(row('Transfer routes')).toMatch(/\s9 {6}≥ 25 {2}✘$/);
    expect(row('Wuhan–Shanghai flights per day')).toMatch(/20\.0 {6}≥ 20 {2}✔ {4}over 1 completed day\(s\)$/);
    expect(row('Wuhan–Hong Kong flights per day')).toMatch(/5\.0 {7}5–6 {2}✔ {4}over 1 completed day\(s\)$/);
    expect(row('On time D1')).toContain('95.0 %');
    expect(row('On time D1')).toContain('190 of 200 due delivered by the promise; late 4, past promise 6; 12 not yet due');
    expect(row('On time D2')).toMatch(/—\s+—\s+0 of 0 due/);
    expect(row('Customs hold time, median')).toContain('1.3 h');
    expect(row('Load factor EHU')).toContain('82.0 %');
    // Values and targets end in one column whatever their kind (percentages, counts, rates).
    const valueEnds = [endOf(row('Air self-transport rate'), '87.3 %'), endOf(row('International routes'), '22'), endOf(row('Wuhan–Shanghai flights per day'), '20.0'), endOf(row('Customs hold time, median'), '1.3 h')];
    expect(new Set(valueEnds).size).toBe(1);
    const targetEnds = [endOf(row('Air self-transport rate'), '≥ 90.0 %'), endOf(row('International routes'), '≥ 20'), endOf(row('Wuhan–Hong Kong flights per day'), '5–6')];
    expect(new Set(targetEnds).size).toBe(1);
  });

  it('says so when the KPIs are not available', () => {
    expect(formatDaySummary({ at: new Date(0), statusCounts: {}, exceptions: [] }).pop()).toBe('  KPIs unavailable (tracking did not answer)');
  });
});
