import { CargoImpSyntaxError } from '../common/cargo-imp.error';
import { impFreeText } from '../common/imp-elements.codec';
import { parseFfm, parseFfmManifest } from './ffm.parser';
import { writeFfm } from './ffm.writer';

/** Messages typed in by hand from the published descriptions cited in README.md ("Sources"). */
const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

describe('FFM/8 worked examples', () => {
  it('reads the flight line with the aircraft registration where the registration belongs (issue #18: 1/CX953/01DEC/WUH/B-LRA)', () => {
    const m = parseFfm(crlf(['FFM/8', '1/CX953/01DEC/WUH/B-LRA', 'HKG/NIL', 'LAST']));
    expect(m).toEqual({
      sequenceNumber: 1,
      flight: { flight: { carrier: 'CX', number: '953' }, date: { day: 1, month: 'DEC' }, pointOfLoading: 'WUH', aircraftRegistration: 'B-LRA' },
      pointsOfUnloading: [{ airport: 'HKG', nil: true, bulk: [], ulds: [] }],
      end: 'LAST',
    });
  });

  it('reads the consignment detail with no slant between the AWB and origin/destination (issue #18: 784-65684393EHUPEK/T12K486.5MC2.4/…)', () => {
    const text = crlf([
      'FFM/8',
      '1/O36001/01DEC/EHU/B-222P',
      'PEK',
      '784-65684393EHUPEK/T12K486.5MC2.4/OPTICAL MODULES',
      '/ELI/CAO',
      'ULD/PMC12345O3',
      '880-12345675EHUPEK/P3K120.5MC0.8T5/SMART PHONES',
      'LAST',
    ]);
    expect(parseFfm(text)).toEqual({
      sequenceNumber: 1,
      flight: { flight: { carrier: 'O3', number: '6001' }, date: { day: 1, month: 'DEC' }, pointOfLoading: 'EHU', aircraftRegistration: 'B-222P' },
      pointsOfUnloading: [
        {
          airport: 'PEK',
          nil: false,
          bulk: [
            {
              awb: '784-65684393',
              origin: 'EHU',
              destination: 'PEK',
              quantity: { code: 'T', pieces: 12, weight: { code: 'K', value: 486.5 } },
              volume: { code: 'MC', value: 2.4 },
              goodsDescription: 'OPTICAL MODULES',
              specialHandlingCodes: ['ELI', 'CAO'],
            },
          ],
          ulds: [
            {
              type: 'PMC',
              serialNumber: '12345',
              ownerCode: 'O3',
              consignments: [
                {
                  awb: '880-12345675',
                  origin: 'EHU',
                  destination: 'PEK',
                  quantity: { code: 'P', pieces: 3, weight: { code: 'K', value: 120.5 }, totalPieces: 5 },
                  volume: { code: 'MC', value: 0.8 },
                  goodsDescription: 'SMART PHONES',
                  specialHandlingCodes: [],
                },
              ],
            },
          ],
        },
      ],
      end: 'LAST',
    });
    // and writes exactly what was typed
    expect(writeFfm(parseFfm(text))).toEqual([text]);
  });

  it('reads a manifest split into two messages (CONT, then LAST) with the point of unloading repeated', () => {
    const first = crlf(['FFM/8', '1/CK221/25NOV/EHU/B-2078', 'FRA', '784-65684393EHUFRA/T12K486.5/LITHIUM BATTERI', '/RLI/CAO', 'CONT']);
    const second = crlf(['FFM/8', '2/CK221/25NOV/EHU/B-2078', 'FRA', '880-12345675EHUFRA/T40K820/PHARMACEUTICALS', '/PIL/CRT', 'LAST']);
    const m = parseFfmManifest([first, second]);
    expect(m.pointsOfUnloading).toHaveLength(1);
    expect(m.pointsOfUnloading[0]?.bulk.map((c) => c.awb)).toEqual(['784-65684393', '880-12345675']);
    expect(parseFfmManifest(`${first}\r\n${second}`)).toEqual(m);
  });

  it('takes the manifest description from the first 15 characters of the goods description', () => {
    expect(impFreeText('Aircraft spare parts', 15)).toBe('AIRCRAFT SPARE');
    expect(impFreeText('Machine parts for automotive assembly', 15)).toBe('MACHINE PARTS F');
    expect(impFreeText('Optical transceiver modules (100G)', 15)).toBe('OPTICAL TRANSCE');
    expect(impFreeText('光模块', 15)).toBe('');
  });

  describe('rejects the defects measured in the old "FFM-like" output, naming line and field', () => {
    const flight = '1/CX953/01DEC/WUH/B-LRA';
    const cases: Array<[string, string[], { line: number; field: string }]> = [
      ['a slant between the AWB and the origin', ['FFM/8', flight, 'HKG', '784-65684393/EHUPEK/T12K486.5MC2.40/CW486.5', 'LAST'], { line: 4, field: 'airport code of origin' }],
      ['no goods description', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.5MC2.4', 'LAST'], { line: 4, field: 'manifest description of goods' }],
      ['a DGR line', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.5/OPTICAL MODULES', '/RLI/CAO', '/DGR/UN3481/CL9/PI967', 'LAST'], { line: 6, field: 'line' }],
      ['a DG detail among the handling codes', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.5/OPTICAL MODULES', '/DGR/UN3481/CL9/PI967', 'LAST'], { line: 5, field: 'special handling code' }],
      ['a TOT line', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.5/OPTICAL MODULES', 'TOT/T52K1306.5MC8.50/CW1503.5/LF3.0', 'LAST'], { line: 5, field: 'nil cargo code' }],
      ['a description longer than 15', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.5/OPTICAL TRANSCEIVERS', 'LAST'], { line: 4, field: 'manifest description of goods' }],
      ['a wrong AWB check digit', ['FFM/8', flight, 'HKG', '784-65684394EHUPEK/T12K486.5/OPTICAL MODULES', 'LAST'], { line: 4, field: 'AWB serial number' }],
      ['another FFM version', ['FFM/7', flight, 'HKG/NIL', 'LAST'], { line: 1, field: 'message type version number' }],
      ['no end of message', ['FFM/8', flight, 'HKG/NIL'], { line: 3, field: 'end of message code' }],
      ['a P consignment without its total pieces', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/P2K80/OPTICAL MODULES', 'LAST'], { line: 4, field: 'total consignment pieces' }],
      ['a weight with two decimals', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.55/OPTICAL MODULES', 'LAST'], { line: 4, field: 'weight' }],
      ['ten handling codes', ['FFM/8', flight, 'HKG', '784-65684393EHUPEK/T12K486.5/OPTICAL MODULES', '/AAA/BBB/CCC/DDD/EEE/FFF/GGG/HHH/III/JJJ', 'LAST'], { line: 5, field: 'special handling code' }],
      ['lower case', ['FFM/8', flight, 'hkg', 'LAST'], { line: 3, field: 'line' }],
    ];
    it.each(cases)('%s', (_what, lines, where) => {
      let error: unknown;
      try {
        parseFfm(crlf(lines));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CargoImpSyntaxError);
      expect(error).toMatchObject(where);
      expect((error as Error).message).toContain(`line ${where.line}`);
    });
  });

  it('refuses a message over 3500 characters', () => {
    const consignment = '784-65684393EHUPEK/T12K486.5/OPTICAL MODULES';
    const lines = ['FFM/8', '1/CX953/01DEC/WUH/B-LRA', 'HKG', ...Array.from({ length: 80 }, () => consignment), 'LAST'];
    expect(() => parseFfm(crlf(lines))).toThrow(/at most 3500/);
  });
});
