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

  it.each([[null], [[intake()]], ['text']])('refuses a body that is not an object: %p', async (raw) => {
    expect(await validateIntakeInput(raw, 'OVS', limits, NOW)).toEqual({ ok: false, errors: [{ field: '', message: 'an intake must be a JSON object' }] });
  });
});
