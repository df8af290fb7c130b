import fc from 'fast-check';
import { CargoImpWriteError } from '../common/cargo-imp.error';
import { airportArb, awbArb, dateArb, flightArb, quantityArb, textArb, timeArb } from '../common/imp-arbitraries.spec-helper';
import { MAX_LINE_CHARS, MAX_MESSAGE_CHARS } from '../common/imp-elements.constants';
import type { FfmConsignment, FfmManifest, FfmPointOfUnloading } from './ffm.model';
import { parseFfm, parseFfmManifest } from './ffm.parser';
import { writeFfm } from './ffm.writer';

const consignmentArb: fc.Arbitrary<FfmConsignment> = fc
  .record({
    awb: awbArb,
    origin: airportArb,
    destination: airportArb,
    quantity: quantityArb(true),
    volume: fc.option(fc.record({ code: fc.constantFrom('MC' as const, 'CF' as const, 'CI' as const, 'CC' as const), value: fc.integer({ min: 1, max: 999_999 }).map((h) => h / 100) }), { nil: undefined }),
    densityGroup: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
    goodsDescription: textArb(15),
    specialHandlingCodes: fc.array(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 3, maxLength: 3 }), { maxLength: 9 }),
  })
  .map(({ volume, densityGroup, ...c }) => ({ ...c, ...(volume ? { volume } : {}), ...(densityGroup !== undefined ? { densityGroup } : {}) }) as FfmConsignment);

const pointArb: fc.Arbitrary<FfmPointOfUnloading> = fc.oneof(
  airportArb.map((airport) => ({ airport, nil: true, bulk: [], ulds: [] })),
  fc.record({
    airport: airportArb,
    nil: fc.constant(false),
    bulk: fc.array(consignmentArb, { minLength: 1, maxLength: 6 }),
    ulds: fc.array(
      fc.record({
        type: fc.constantFrom('PMC', 'AKE', 'PAG', 'PLA', 'AAF'),
        serialNumber: fc.integer({ min: 1000, max: 99999 }).map(String),
        ownerCode: fc.constantFrom('CZ', 'O3', 'CK', '5Y', 'MU'),
        consignments: fc.array(consignmentArb, { minLength: 1, maxLength: 4 }),
      }),
      { maxLength: 3 },
    ),
  }),
);

const manifestArb: fc.Arbitrary<FfmManifest> = fc.record({
  flight: fc
    .record({ flight: flightArb, date: dateArb, time: fc.option(timeArb, { nil: undefined }), pointOfLoading: airportArb, aircraftRegistration: fc.option(textArb(10), { nil: undefined }) })
    .map(({ date, time, aircraftRegistration, ...f }) => ({ ...f, date: { ...date, ...(time ? { time } : {}) }, ...(aircraftRegistration ? { aircraftRegistration } : {}) })),
  pointsOfUnloading: fc.array(pointArb, { minLength: 1, maxLength: 4 }),
});

describe('FFM/8 round trip', () => {
  it('parses back to the same manifest whatever the content (one or more messages)', () => {
    fc.assert(
      fc.property(manifestArb, (manifest) => {
        const messages = writeFfm(manifest);
        expect(parseFfmManifest(messages)).toEqual(manifest);
      }),
      { numRuns: 300 },
    );
  });

  it('splits at any message size limit: every message within it, CONT…LAST, sequence 1..n, and joins back', () => {
    fc.assert(
      fc.property(manifestArb, fc.integer({ min: 400, max: MAX_MESSAGE_CHARS }), (manifest, limit) => {
        const messages = writeFfm(manifest, { maxMessageChars: limit });
        messages.forEach((text, i) => {
          expect(text.length).toBeLessThanOrEqual(limit);
          text.split('\r\n').forEach((line) => expect(line.length).toBeLessThanOrEqual(MAX_LINE_CHARS));
          const m = parseFfm(text);
          expect(m.sequenceNumber).toBe(i + 1);
          expect(m.end).toBe(i === messages.length - 1 ? 'LAST' : 'CONT');
        });
        expect(parseFfmManifest(messages)).toEqual(manifest);
      }),
      { numRuns: 200 },
    );
  });

  it('splits a big manifest at the Cargo-IMP limit of 3500 characters', () => {
    const consignments = Array.from({ length: 250 }, (_, i): FfmConsignment => {
      const seven = String(1_000_000 + i * 37);
      return {
        awb: `784-${seven}${Number(seven) % 7}`,
        origin: 'EHU',
        destination: 'FRA',
        quantity: { code: 'T', pieces: 1 + (i % 40), weight: { code: 'K', value: 100 + i / 10 } },
        volume: { code: 'MC', value: 1.25 },
        goodsDescription: 'CONSOL',
        specialHandlingCodes: i % 3 === 0 ? ['ELI', 'CAO'] : [],
      };
    });
    const manifest: FfmManifest = {
      flight: { flight: { carrier: 'CK', number: '221' }, date: { day: 25, month: 'NOV' }, pointOfLoading: 'EHU', aircraftRegistration: 'B-2078' },
      pointsOfUnloading: [{ airport: 'FRA', nil: false, bulk: consignments, ulds: [] }],
    };
    const messages = writeFfm(manifest);
    expect(messages.length).toBeGreaterThan(2);
    for (const text of messages) expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(messages[0]).toMatch(/^FFM\/8\r\n1\/CK221\/25NOV\/EHU\/B-2078\r\nFRA\r\n/);
    expect(messages[1]).toMatch(/^FFM\/8\r\n2\/CK221\/25NOV\/EHU\/B-2078\r\nFRA\r\n784-/);
    expect(parseFfmManifest(messages.join('\r\n'))).toEqual(manifest);
  });

  it('refuses to write what FFM cannot carry, naming the field', () => {
    const base: FfmManifest = {
      flight: { flight: { carrier: 'CX', number: '953' }, date: { day: 1, month: 'DEC' }, pointOfLoading: 'WUH' },
      pointsOfUnloading: [
        {
          airport: 'HKG',
          nil: false,
          bulk: [{ awb: '784-65684393', origin: 'WUH', destination: 'HKG', quantity: { code: 'T', pieces: 1, weight: { code: 'K', value: 1 } }, goodsDescription: 'PARTS', specialHandlingCodes: [] }],
          ulds: [],
        },
      ],
    };
    const withConsignment = (patch: Partial<FfmConsignment>): FfmManifest => ({
      ...base,
      pointsOfUnloading: [{ ...(base.pointsOfUnloading[0] as FfmPointOfUnloading), bulk: [{ ...(base.pointsOfUnloading[0]?.bulk[0] as FfmConsignment), ...patch }] }],
    });
    expect(() => writeFfm(withConsignment({ goodsDescription: 'OPTICAL TRANSCEIVERS' }))).toThrow(new CargoImpWriteError('FFM/8', 'pointsOfUnloading.0.bulk.0.goodsDescription', '"OPTICAL TRANSCEIVERS" must have 1 to 15 characters'));
    expect(() => writeFfm(withConsignment({ awb: '784-65684394' }))).toThrow(/pointsOfUnloading\.0\.bulk\.0\.awb: check digit/);
    expect(() => writeFfm(withConsignment({ specialHandlingCodes: ['UN3481'] }))).toThrow(/specialHandlingCodes\.0/);
    expect(() => writeFfm(withConsignment({ quantity: { code: 'T', pieces: 1, weight: { code: 'K', value: 1.25 } } }))).toThrow(/weight\.value: 1\.25 has more than 1 decimal/);
    expect(() => writeFfm({ ...base, flight: { ...base.flight, aircraftRegistration: 'A330-300/X' } })).toThrow(/aircraftRegistration/);
    expect(() => writeFfm({ ...base, pointsOfUnloading: [] })).toThrow(/at least one point of unloading/);
  });
});
