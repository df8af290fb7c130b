import { validateIntakeInput } from './intake-input.validator';

const limits = { maxPieces: 100, maxWeightKg: 5000, maxVolumeM3: 50, maxDensityKgPerM3: 10000, clockSkewToleranceMs: 300_000 };
const NOW = new Date('2026-11-25T04:00:00Z');
const intake = (overrides: Record<string, unknown> = {}) => ({
  awb: '78412345675',
  shipper: { id: 'SHP-OV-001', name: 'Photonics' },
  pieces: 2,
  grossWeightKg: 30,
  volumeM3: 0.2,
  commodity: { description: 'Modules', category: 'CONSUMER_ELECTRONICS' },
  destinationAirport: 'FRA',
  serviceLevel: 'D3',
  receivedAt: '2026-11-25T11:30:00+08:00',
  ...overrides,
});

describe('validateIntakeInput', () => {
  it('builds the CargoReceived payload: canonical AWB, station from the path, defaults, UTC timestamps', async () => {
    const result = await validateIntakeInput(intake(), 'OVS', limits, NOW);
    expect(result).toMatchObject({
      ok: true,
      payload: {
        awb: '784-12345675',
        stationCode: 'OVS',
        specialHandlingCodes: [],
        dangerousGoods: [],
        ecommerce: false,
        receivedAt: '2026-11-25T03:30:00.000Z',
        recordedAt: '2026-11-25T04:00:00.000Z',
      },
    });
  });

  it('reports shape errors with field paths, including unknown fields', async () => {
    const result = await validateIntakeInput(intake({ pieces: 'two', colour: 'red', commodity: { description: 'x', category: 'NOPE' } }), 'OVS', limits, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...new Set(result.errors.map((e) => e.field))].sort()).toEqual(['colour', 'commodity.category', 'pieces']);
  });

  it('applies the domain rules once the shape is right', async () => {
    const result = await validateIntakeInput(intake({ serviceLevel: 'D1', receivedAt: '2026-11-26T00:00:00Z' }), 'OVS', limits, NOW);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'serviceLevel' }), expect.objectContaining({ field: 'receivedAt' })] });
  });

  it('refuses a stationCode in the body that is not the path station', async () => {
    const result = await validateIntakeInput(intake({ stationCode: 'NPB' }), 'OVS', limits, NOW);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'stationCode' })] });
  });

  describe('consignee and house waybills', () => {
    const consignee = { name: 'Rhein-Main Logistik GmbH', street: 'Cargo City Sued 555', city: 'Frankfurt', postalCode: '60549', country: 'DE' };
    const house = (number: string, pieces: number, grossWeightKg: number) => ({
      number,
      pieces,
      grossWeightKg,
      description: 'Phone cases',
      consignee: { name: 'Anna Schmidt', street: 'Hauptstr. 5', city: 'Mainz', country: 'DE' },
    });

    it('carries a consignee and the house waybills of a consolidation on the payload', async () => {
      const result = await validateIntakeInput(intake({ ecommerce: true, consignee, houseWaybills: [house('HWB1', 1, 14.8), house('HWB2', 1, 15)] }), 'OVS', limits, NOW);
      expect(result).toMatchObject({ ok: true, payload: { consignee, houseWaybills: [{ number: 'HWB1', consignee: { city: 'Mainz' } }, { number: 'HWB2' }] } });
    });

    it('accepts a consignee alone (no consolidation)', async () => {
      expect(await validateIntakeInput(intake({ consignee }), 'OVS', limits, NOW)).toMatchObject({ ok: true, payload: { consignee } });
    });

    it.each([
      ['house waybills without the master consignee', { houseWaybills: [house('HWB1', 2, 30)] }, 'houseWaybills', 'a consolidation names its consignee'],
      ["house waybills whose pieces do not add up to the master's", { consignee, houseWaybills: [house('HWB1', 1, 15)] }, 'houseWaybills', 'pieces add up to 1, the shipment has 2'],
      ['house waybills that weigh more than the master', { consignee, houseWaybills: [house('HWB1', 1, 15), house('HWB2', 1, 25)] }, 'houseWaybills', 'weigh 40 kg in all, the shipment 30 kg'],
      ['a repeated house waybill number', { consignee, houseWaybills: [house('HWB1', 1, 15), house('HWB1', 1, 15)] }, 'houseWaybills', 'HWB1 appears more than once'],
      ['a house waybill without its consignee', { consignee, houseWaybills: [{ ...house('HWB1', 2, 30), consignee: undefined }] }, 'houseWaybills.0.consignee', 'must name the consignee'],
      ['a consignee country that is not ISO 3166', { consignee: { ...consignee, country: 'Germany' } }, 'consignee.country', 'ISO 3166-1 alpha-2'],
      ['a consignee with an unknown field', { consignee: { ...consignee, email: 'x@y.de' } }, 'consignee.email', 'not a field of this message'],
    ])('refuses %s, naming the field', async (_what, overrides, field, fragment) => {
      const result = await validateIntakeInput(intake(overrides), 'OVS', limits, NOW);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toContainEqual({ field, message: expect.stringContaining(fragment) });
    });
  });

  it.each([[null], [[intake()]], ['text']])('refuses a body that is not an object: %p', async (raw) => {
    expect(await validateIntakeInput(raw, 'OVS', limits, NOW)).toEqual({ ok: false, errors: [{ field: '', message: 'an intake must be a JSON object' }] });
  });
});
