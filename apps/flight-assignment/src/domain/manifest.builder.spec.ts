import { parseFfmManifest } from '@cargo/cargo-imp';
import { EventCatalog, validatePayload } from '@cargo/contracts';
import { registrationFor } from '@cargo/seeds';
import { at, awbOf, flight, shipment } from './domain.spec-helper';
import { buildManifest } from './manifest.builder';
import { manifestFfmMessages } from './manifest-ffm.mapper';

describe('manifest', () => {
  const freighter = flight({ flightNumber: 'O36921', origin: 'EHU', destination: 'FRA', aircraftKind: 'FREIGHTER', aircraftType: 'B767-300F', departureAt: at(14, 30), capacityKg: 50000, capacityM3: 400 });
  const lithium = shipment({
    awb: awbOf(1),
    pieces: 12,
    grossWeightKg: 486.5,
    volumeM3: 2.4,
    destination: 'FRA',
    cargoAircraftOnly: true,
    specialHandlingCodes: ['RLI', 'CAO'],
    dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', properShippingName: 'Lithium ion batteries', cargoAircraftOnly: true }],
  });
  const pharma = shipment({ awb: awbOf(2), pieces: 40, grossWeightKg: 820, volumeM3: 6.1, destination: 'FRA', specialHandlingCodes: ['PIL', 'CRT'] });

  it('sums the lines into totals and the load factor, and satisfies the flight.manifest.v1 contract', async () => {
    const m = buildManifest(freighter, [pharma, lithium], freighter.cutoffAt);
    expect(m.shipments.map((s) => s.awb)).toEqual([awbOf(1), awbOf(2)]);
    expect(m.totals).toEqual({ pieces: 52, grossWeightKg: 1306.5, volumeM3: 8.5, chargeableWeightKg: 486.5 + 1017 });
    expect(m.loadFactor).toBeCloseTo(1503.5 / 50000, 4);
    const { shipments, ...rest } = m;
    const payload = { ...rest, shipments: shipments.map(({ destination: _d, ...line }) => line) };
    const checked = await validatePayload(EventCatalog.FlightManifestClosed, payload);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
  });

  it('writes IATA FFM/8: the registration on the flight line, AWB and route without a slant, description, DG only as handling codes', () => {
    const m = buildManifest(freighter, [lithium, { ...pharma, goodsDescription: 'Insulin pens, chilled' }], freighter.cutoffAt);
    expect(m.aircraftRegistration).toBe(registrationFor('O3', 'B767-300F', 'O36921'));
    const [text, ...more] = manifestFfmMessages({ ...m, aircraftRegistration: 'B-222P' });
    expect(more).toEqual([]);
    expect(text?.split('\r\n')).toEqual([
      'FFM/8',
      '1/O36921/25NOV/EHU/B-222P',
      'FRA',
      `${awbOf(1)}EHUFRA/T12K486.5MC2.4/GENERAL CARGO`,
      '/RLI/CAO',
      `${awbOf(2)}EHUFRA/T40K820MC6.1/INSULIN PENS CH`,
      '/PIL/CRT',
      'LAST',
      '',
    ]);
    expect(parseFfmManifest(text as string).pointsOfUnloading[0]?.bulk.map((c) => c.awb)).toEqual([awbOf(1), awbOf(2)]);
  });

  it('closes an empty manifest with zero totals', () => {
    const m = buildManifest(freighter, [], freighter.cutoffAt);
    expect(m).toMatchObject({ shipments: [], totals: { pieces: 0, grossWeightKg: 0, volumeM3: 0, chargeableWeightKg: 0 }, loadFactor: 0 });
  });
});
