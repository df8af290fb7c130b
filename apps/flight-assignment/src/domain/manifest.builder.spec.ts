import { EventCatalog, validatePayload } from '@cargo/contracts';
import { at, awbOf, flight, shipment } from './domain.spec-helper';
import { buildManifest, formatFfm } from './manifest.builder';

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

  it('writes FFM-style text with one line per consignment, its handling codes and DG', () => {
    const text = formatFfm(buildManifest(freighter, [lithium, pharma], freighter.cutoffAt));
    expect(text.split('\n')).toEqual([
      'FFM/8',
      '1/O36921/25NOV1430/EHU/B767-300F',
      'FRA',
      `${awbOf(1)}/EHUFRA/T12K486.5MC2.40/CW486.5`,
      '/RLI/CAO',
      '/DGR/UN3480/CL9/PI965/CAO',
      `${awbOf(2)}/EHUFRA/T40K820.0MC6.10/CW1017.0`,
      '/PIL/CRT',
      'TOT/T52K1306.5MC8.50/CW1503.5/LF3.0',
      'LAST',
      '',
    ]);
  });

  it('closes an empty manifest with zero totals', () => {
    const m = buildManifest(freighter, [], freighter.cutoffAt);
    expect(m).toMatchObject({ shipments: [], totals: { pieces: 0, grossWeightKg: 0, volumeM3: 0, chargeableWeightKg: 0 }, loadFactor: 0 });
  });
});
