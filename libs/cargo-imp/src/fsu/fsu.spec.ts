import fc from 'fast-check';
import { CargoImpSyntaxError } from '../common/cargo-imp.error';
import { airportArb, awbArb, dateArb, flightArb, quantityArb, textArb, timeArb } from '../common/imp-arbitraries.spec-helper';
import { DISCREPANCY_CODES, type FsuMessage, type FsuStatus } from './fsu.model';
import { parseFsu } from './fsu.parser';
import { writeFsu } from './fsu.writer';

const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');
const T12 = { code: 'T' as const, pieces: 12, weight: { code: 'K' as const, value: 486.5 } };

describe('FSU/15 worked examples (typed in by hand from the published descriptions, README "Sources")', () => {
  const consignment = '784-65684393EHUFRA/T12K486.5';
  const examples: Array<[string, string, FsuStatus]> = [
    ['RCS received from shipper', 'RCS/25NOV0930/EHU/T12K486.5/WUHAN GUANGGU XINGHE', { code: 'RCS', date: { day: 25, month: 'NOV', time: '0930' }, airport: 'EHU', quantity: T12, name: 'WUHAN GUANGGU XINGHE' }],
    ['FOH freight on hand', 'FOH/25NOV1015/EHU/T12K486.5', { code: 'FOH', date: { day: 25, month: 'NOV', time: '1015' }, airport: 'EHU', quantity: T12 }],
    ['BKD booked', 'BKD/CK221/25NOV/EHUFRA/T12K486.5', { code: 'BKD', flight: { carrier: 'CK', number: '221' }, date: { day: 25, month: 'NOV' }, departureAirport: 'EHU', arrivalAirport: 'FRA', quantity: T12 }],
    ['MAN manifested', 'MAN/CK221/25NOV/EHUFRA/T12K486.5/S2140/S0540', { code: 'MAN', flight: { carrier: 'CK', number: '221' }, date: { day: 25, month: 'NOV' }, departureAirport: 'EHU', arrivalAirport: 'FRA', quantity: T12, departureTime: { indicator: 'S', time: '2140' }, arrivalTime: { indicator: 'S', time: '0540' } }],
    ['DEP departed', 'DEP/CK221/25NOV/EHUFRA/T12K486.5/A2152', { code: 'DEP', flight: { carrier: 'CK', number: '221' }, date: { day: 25, month: 'NOV' }, departureAirport: 'EHU', arrivalAirport: 'FRA', quantity: T12, departureTime: { indicator: 'A', time: '2152' } }],
    ['ARR arrived', 'ARR/CK221/26NOV0548/FRA/T12K486.5', { code: 'ARR', flight: { carrier: 'CK', number: '221' }, date: { day: 26, month: 'NOV', time: '0548' }, airport: 'FRA', quantity: T12 }],
    ['RCF received from flight, part', 'RCF/CK221/26NOV0730/FRA/P10K405.4T12', { code: 'RCF', flight: { carrier: 'CK', number: '221' }, date: { day: 26, month: 'NOV', time: '0730' }, airport: 'FRA', quantity: { code: 'P', pieces: 10, weight: { code: 'K', value: 405.4 }, totalPieces: 12 } }],
    ['NFD notified', 'NFD/26NOV0900/FRA/T12', { code: 'NFD', date: { day: 26, month: 'NOV', time: '0900' }, airport: 'FRA', quantity: { code: 'T', pieces: 12 } }],
    ['DLV delivered', 'DLV/26NOV1415/FRA/T12K486.5/RHEIN-MAIN LOGISTIK GMBH', { code: 'DLV', date: { day: 26, month: 'NOV', time: '1415' }, airport: 'FRA', quantity: T12, name: 'RHEIN-MAIN LOGISTIK GMBH' }],
    ['DIS discrepancy without a flight', 'DIS//26NOV0730/FRA/MSCA/P2K81.1T12', { code: 'DIS', date: { day: 26, month: 'NOV', time: '0730' }, airport: 'FRA', discrepancyCode: 'MSCA', quantity: { code: 'P', pieces: 2, weight: { code: 'K', value: 81.1 }, totalPieces: 12 } }],
  ];

  it.each(examples)('%s: %s', (_what, line, status) => {
    const text = crlf(['FSU/15', consignment, line]);
    const expected: FsuMessage = { awb: '784-65684393', origin: 'EHU', destination: 'FRA', quantity: T12, statuses: [status] };
    expect(parseFsu(text)).toEqual(expected);
    expect(writeFsu(expected)).toBe(text);
  });

  it('reads other service information after the status (RCF with a flight, then OSI)', () => {
    const text = crlf(['FSU/15', '784-65684393EHUFRA/T12K486.5', 'DIS/CK221/26NOV/FRA/FDCA/T1K40', 'OSI/1 PIECE FOUND WITHOUT DOCUMENTS', '/HELD IN WAREHOUSE B']);
    expect(parseFsu(text)).toMatchObject({
      statuses: [{ code: 'DIS', flight: { carrier: 'CK', number: '221' }, date: { day: 26, month: 'NOV' }, discrepancyCode: 'FDCA' }],
      osi: ['1 PIECE FOUND WITHOUT DOCUMENTS', 'HELD IN WAREHOUSE B'],
    });
  });

  const bad: Array<[string, string[], { line: number; field: string }]> = [
    ['another version', ['FSU/14', '784-65684393EHUFRA/T12K486.5', 'FOH/25NOV1015/EHU/T12'], { line: 1, field: 'message type version number' }],
    ['a slant after the AWB', ['FSU/15', '784-65684393/EHUFRA/T12K486.5', 'FOH/25NOV1015/EHU/T12'], { line: 2, field: 'airport code of origin' }],
    ['no status', ['FSU/15', '784-65684393EHUFRA/T12K486.5'], { line: 3, field: 'line' }],
    ['an unknown status', ['FSU/15', '784-65684393EHUFRA/T12K486.5', 'XYZ/25NOV1015/EHU/T12'], { line: 3, field: 'status code' }],
    ['a day that does not exist', ['FSU/15', '784-65684393EHUFRA/T12K486.5', 'FOH/31NOV1015/EHU/T12'], { line: 3, field: 'day of the status day' }],
    ['a time that does not exist', ['FSU/15', '784-65684393EHUFRA/T12K486.5', 'FOH/25NOV2460/EHU/T12'], { line: 3, field: 'time of the status' }],
    ['a departure without the arrival airport', ['FSU/15', '784-65684393EHUFRA/T12K486.5', 'DEP/CK221/25NOV/EHU/T12K486.5'], { line: 3, field: 'airport of arrival' }],
    ['an unknown discrepancy code', ['FSU/15', '784-65684393EHUFRA/T12K486.5', 'DIS//26NOV0730/FRA/LOST/T2'], { line: 3, field: 'discrepancy code' }],
    ['a name longer than 35', ['FSU/15', '784-65684393EHUFRA/T12K486.5', `DLV/26NOV1415/FRA/T12/${'A'.repeat(36)}`], { line: 3, field: 'name' }],
    ['a P quantity without the total', ['FSU/15', '784-65684393EHUFRA/P2K80', 'FOH/25NOV1015/EHU/P2'], { line: 2, field: 'total consignment pieces' }],
  ];
  it.each(bad)('rejects %s, naming line and field', (_what, lines, where) => {
    let error: unknown;
    try {
      parseFsu(crlf(lines));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CargoImpSyntaxError);
    expect(error).toMatchObject(where);
  });
});

const statusArb: fc.Arbitrary<FsuStatus> = fc.oneof(
  fc
    .record({
      code: fc.constantFrom('BKD' as const, 'MAN' as const, 'DEP' as const),
      flight: flightArb,
      date: dateArb,
      departureAirport: airportArb,
      arrivalAirport: airportArb,
      quantity: quantityArb(false),
      dep: fc.option(fc.record({ indicator: fc.constantFrom('S' as const, 'E' as const, 'A' as const), time: timeArb }), { nil: undefined }),
      arr: fc.option(fc.record({ indicator: fc.constantFrom('S' as const, 'E' as const, 'A' as const), time: timeArb }), { nil: undefined }),
    })
    .map(({ dep, arr, ...s }) => ({ ...s, ...(dep ? { departureTime: dep } : {}), ...(dep && arr ? { arrivalTime: arr } : {}) })),
  fc
    .record({ code: fc.constantFrom('ARR' as const, 'RCF' as const), flight: flightArb, date: dateArb, time: fc.option(timeArb, { nil: undefined }), airport: airportArb, quantity: quantityArb(false) })
    .map(({ date, time, ...s }) => ({ ...s, date: { ...date, ...(time ? { time } : {}) } })),
  fc
    .record({ code: fc.constantFrom('RCS' as const, 'FOH' as const, 'NFD' as const, 'DLV' as const), date: dateArb, time: timeArb, airport: airportArb, quantity: quantityArb(false), name: fc.option(textArb(35), { nil: undefined }) })
    .map(({ date, time, name, ...s }) => ({ ...s, date: { ...date, time }, ...(name ? { name } : {}) })),
  fc
    .record({ flight: fc.option(flightArb, { nil: undefined }), date: dateArb, time: fc.option(timeArb, { nil: undefined }), airport: airportArb, discrepancyCode: fc.constantFrom(...DISCREPANCY_CODES), quantity: quantityArb(false) })
    .map(({ flight, date, time, ...s }) => ({ code: 'DIS' as const, ...(flight ? { flight } : {}), date: { ...date, ...(time ? { time } : {}) }, ...s })),
);

describe('FSU/15 round trip', () => {
  it('parses back to the same message for every status', () => {
    fc.assert(
      fc.property(
        fc.record({ awb: awbArb, origin: airportArb, destination: airportArb, quantity: quantityArb(false), statuses: fc.array(statusArb, { minLength: 1, maxLength: 3 }), osi: fc.option(fc.array(textArb(65), { minLength: 1, maxLength: 2 }), { nil: undefined }) }),
        ({ osi, ...m }) => {
          const message: FsuMessage = { ...m, ...(osi ? { osi } : {}) };
          expect(parseFsu(writeFsu(message))).toEqual(message);
        },
      ),
      { numRuns: 500 },
    );
  });
});
