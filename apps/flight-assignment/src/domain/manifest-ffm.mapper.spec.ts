import { parseFfm, parseFfmManifest } from '@cargo/cargo-imp';
import { at, awbOf, flight, shipment } from './domain.spec-helper';
import { buildManifest } from './manifest.builder';
import { ffmHandlingCodesOf, ffmOfManifest, manifestFfmMessages } from './manifest-ffm.mapper';

describe('manifest as FFM/8', () => {
  const belly = flight({ flightNumber: 'CX953', origin: 'WUH', destination: 'HKG', aircraftKind: 'BELLY', aircraftType: 'A330-300', departureAt: at(3), capacityKg: 14000, capacityM3: 65 });

  it('names the flight by carrier, 3-digit number and its local departure date at the hub (a 01:30 local departure is the next day)', () => {
    const night = flight({ flightNumber: 'CZ693', origin: 'WUH', destination: 'LHR', aircraftType: 'B787-9', departureAt: at(17, 30) });
    const f = ffmOfManifest(buildManifest(night, [], night.cutoffAt)).flight;
    expect(f.flight).toEqual({ carrier: 'CZ', number: '693' });
    expect(f.date).toEqual({ day: 26, month: 'NOV' });
    expect(f.aircraftRegistration).toMatch(/^B-/);
  });

  it('writes an empty flight as its point of unloading with NIL', () => {
    const [text] = manifestFfmMessages(buildManifest(belly, [], belly.cutoffAt));
    expect(parseFfm(text as string).pointsOfUnloading).toEqual([{ airport: 'HKG', nil: true, bulk: [], ulds: [] }]);
  });

  it('takes the first 15 characters of the goods description, CONSOLIDATION or GENERAL CARGO when there is none to print', () => {
    const consol = shipment({ awb: awbOf(3), destination: 'HKG', goodsDescription: '手机壳', houseWaybills: [{ number: 'H1', pieces: 4, grossWeightKg: 100, description: 'Phone cases', consignee: { name: 'A', street: 'B', city: 'C', country: 'HK' } }] });
    const plain = shipment({ awb: awbOf(4), destination: 'HKG', goodsDescription: 'Optical transceiver modules, 100G QSFP28' });
    const lines = ffmOfManifest(buildManifest(belly, [consol, plain], belly.cutoffAt)).pointsOfUnloading[0]?.bulk;
    expect(lines?.map((c) => c.goodsDescription)).toEqual(['CONSOLIDATION', 'OPTICAL TRANSCE']);
  });

  it('expresses dangerous goods only as handling codes (the detail stays in the manifest JSON for the NOTOC)', () => {
    expect(ffmHandlingCodesOf({ specialHandlingCodes: ['ELI'], dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', properShippingName: 'x' }], cargoAircraftOnly: false })).toEqual(['ELI']);
    expect(ffmHandlingCodesOf({ specialHandlingCodes: [], dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', properShippingName: 'x', cargoAircraftOnly: true }], cargoAircraftOnly: true })).toEqual(['RLI', 'CAO']);
    expect(ffmHandlingCodesOf({ specialHandlingCodes: ['PER'], dangerousGoods: [{ unNumber: 'UN1950', class: '2.1', packingInstruction: 'Y203', properShippingName: 'x' }, { unNumber: 'UN1845', class: '9', packingInstruction: 'PI954', properShippingName: 'x' }], cargoAircraftOnly: false })).toEqual(['PER', 'DGR', 'RMD']);
    const many = ffmHandlingCodesOf({ specialHandlingCodes: ['PER', 'COL', 'EXP', 'VAL', 'VUN', 'HEA', 'BIG', 'EAT', 'PES'], dangerousGoods: [{ unNumber: 'UN3091', class: '9', packingInstruction: 'PI969', properShippingName: 'x' }], cargoAircraftOnly: true });
    expect(many).toHaveLength(9);
    expect(many.slice(0, 2)).toEqual(['RLM', 'CAO']);
  });

  it('splits a heavy manifest into messages of at most 3500 characters that parse back to every AWB', () => {
    const freighter = flight({ flightNumber: 'CK221', origin: 'EHU', destination: 'FRA', aircraftKind: 'FREIGHTER', aircraftType: 'B777F', departureAt: at(13, 40), capacityKg: 102000, capacityM3: 650 });
    const shipments = Array.from({ length: 120 }, (_, i) => shipment({ awb: awbOf(100 + i), destination: 'FRA', pieces: 1 + i, grossWeightKg: 50 + i * 3.3, volumeM3: 0.3 + i / 100, goodsDescription: 'Cross-border e-commerce parcels', specialHandlingCodes: ['ECC', 'XPS'] }));
    const messages = manifestFfmMessages(buildManifest(freighter, shipments, freighter.cutoffAt));
    expect(messages.length).toBeGreaterThan(1);
    for (const text of messages) expect(text.length).toBeLessThanOrEqual(3500);
    const parsed = parseFfmManifest(messages);
    expect(parsed.pointsOfUnloading[0]?.bulk.map((c) => c.awb)).toEqual(shipments.map((s) => s.awb).sort());
    expect(parsed.pointsOfUnloading[0]?.bulk.every((c) => c.origin === 'EHU' && c.destination === 'FRA')).toBe(true);
  });
});
