import type { AirportRegion } from '@cargo/contracts';
import { checkDgLine, checkIntakeRules, type IntakeDraft, type IntakeRuleContext } from './intake.rules';

const NOW = new Date('2026-11-25T04:00:00Z');
const REGIONS: Record<string, AirportRegion> = { PEK: 'DOMESTIC', ICN: 'ASIA', FRA: 'GLOBAL' };
const ctx: IntakeRuleContext = {
  now: NOW,
  limits: { maxPieces: 100, maxWeightKg: 5000, maxVolumeM3: 50, maxDensityKgPerM3: 10000, clockSkewToleranceMs: 300_000 },
  airportRegion: (code) => REGIONS[code],
};

function draft(overrides: Partial<IntakeDraft> = {}): IntakeDraft {
  return {
    awb: '784-12345675',
    pieces: 10,
    grossWeightKg: 250,
    volumeM3: 1.5,
    destinationAirport: 'FRA',
    serviceLevel: 'D3',
    dangerousGoods: [],
    receivedAt: '2026-11-25T11:30:00+08:00',
    recordedAt: '2026-11-25T11:35:00+08:00',
    ...overrides,
  };
}

const fields = (d: IntakeDraft) => checkIntakeRules(d, ctx).map((e) => e.field);

describe('checkIntakeRules', () => {
  it('accepts a plausible intake', () => {
    expect(checkIntakeRules(draft(), ctx)).toEqual([]);
  });

  it.each([
    ['784-12345674', /check digit 4 does not match serial 1234567 \(expected 5\)/],
    ['784-1234', /malformed/],
    [42, /must be a string/],
  ])('rejects the AWB %p', (awb, message) => {
    const errors = checkIntakeRules(draft({ awb }), ctx);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'awb' });
    expect(errors[0]?.message).toMatch(message);
  });

  it.each([
    [{ pieces: 0 }, 'pieces', /at least 1/],
    [{ pieces: 2.5 }, 'pieces', /whole number/],
    [{ pieces: 101 }, 'pieces', /at most 100/],
    [{ grossWeightKg: 0 }, 'grossWeightKg', /greater than 0/],
    [{ grossWeightKg: 5000.5 }, 'grossWeightKg', /at most 5000 kg/],
    [{ volumeM3: -1 }, 'volumeM3', /greater than 0/],
    [{ volumeM3: 50.1 }, 'volumeM3', /at most 50 m³/],
    [{ grossWeightKg: 4000, volumeM3: 0.2 }, 'grossWeightKg', /20000 kg\/m³, denser than any plausible cargo/],
  ])('rejects implausible quantities %j', (overrides, field, message) => {
    const errors = checkIntakeRules(draft(overrides), ctx);
    expect(errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('accepts quantities exactly at the limits', () => {
    expect(checkIntakeRules(draft({ pieces: 100, grossWeightKg: 5000, volumeM3: 50 }), ctx)).toEqual([]);
  });

  it.each([
    ['PEK', 'D1'],
    ['ICN', 'D2'],
    ['FRA', 'D3'],
  ])('accepts %s with service level %s', (destinationAirport, serviceLevel) => {
    expect(checkIntakeRules(draft({ destinationAirport, serviceLevel }), ctx)).toEqual([]);
  });

  it.each([
    ['FRA', 'D1', 'serviceLevel', /must be D3 for FRA \(global destination\), got D1/],
    ['ICN', 'D3', 'serviceLevel', /must be D2 for ICN/],
    ['PEK', 'D2', 'serviceLevel', /must be D1 for PEK/],
    ['XXX', 'D3', 'destinationAirport', /XXX is not an airport of the network/],
    ['WUH', 'D1', 'destinationAirport', /not a Wuhan hub/],
    ['EHU', 'D1', 'destinationAirport', /not a Wuhan hub/],
  ])('rejects destination %s with %s', (destinationAirport, serviceLevel, field, message) => {
    expect(checkIntakeRules(draft({ destinationAirport, serviceLevel }), ctx)).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('rejects temperature ranges with min above max, accepts min = max', () => {
    expect(checkIntakeRules(draft({ temperatureRange: { minC: 8, maxC: 2 } }), ctx)).toEqual([
      { field: 'temperatureRange.maxC', message: 'temperatureRange.maxC (2 °C) must not be below minC (8 °C)' },
    ]);
    expect(checkIntakeRules(draft({ temperatureRange: { minC: -18, maxC: -18 } }), ctx)).toEqual([]);
    expect(fields(draft({ temperatureRange: { minC: 'cold', maxC: 2 } }))).toEqual(['temperatureRange']);
  });

  describe('timestamps', () => {
    it('accepts a receipt within the clock-skew tolerance of now', () => {
      expect(checkIntakeRules(draft({ receivedAt: '2026-11-25T04:04:59Z', recordedAt: '2026-11-25T04:04:59Z' }), ctx)).toEqual([]);
    });

    it('rejects a receipt beyond the tolerance in the future', () => {
      const errors = checkIntakeRules(draft({ receivedAt: '2026-11-25T04:05:01Z', recordedAt: '2026-11-25T04:05:01Z' }), ctx);
      expect(errors.map((e) => e.field)).toEqual(['receivedAt', 'recordedAt']);
      expect(errors[0]?.message).toMatch(/in the future \(now 2026-11-25T04:00:00.000Z, tolerance 300 s\)/);
    });

    it('compares instants, not local clock text', () => {
      // 12:04+08:00 is 04:04Z: within tolerance although "12:04" is later than "04:00".
      expect(checkIntakeRules(draft({ receivedAt: '2026-11-25T12:04:00+08:00', recordedAt: '2026-11-25T12:04:00+08:00' }), ctx)).toEqual([]);
    });

    it('rejects a receipt recorded before it happened', () => {
      expect(fields(draft({ receivedAt: '2026-11-25T03:00:00Z', recordedAt: '2026-11-25T02:00:00Z' }))).toEqual(['recordedAt']);
    });

    it('does not need recordedAt', () => {
      expect(checkIntakeRules(draft({ recordedAt: undefined }), ctx)).toEqual([]);
    });
  });

  it('reports every problem at once, each under its field', () => {
    const errors = checkIntakeRules(
      draft({ awb: '784-12345670', pieces: 0, serviceLevel: 'D1', temperatureRange: { minC: 5, maxC: 1 }, dangerousGoods: [{ unNumber: 'UN0000', class: '9', packingInstruction: 'PI965' }] }),
      ctx,
    );
    expect(errors.map((e) => e.field)).toEqual(['awb', 'pieces', 'serviceLevel', 'dangerousGoods.0.unNumber', 'temperatureRange.maxC']);
  });
});

describe('checkDgLine', () => {
  it.each([
    ['UN3480', '9', 'PI965'],
    ['UN3481', '9', 'PI966'],
    ['UN3481', '9', 'PI967'],
    ['UN3090', '9', 'PI968'],
    ['UN3091', '9', 'PI970'],
    ['UN1263', '3', 'Y341'],
    ['UN1845', '9', 'PI954'],
  ])('accepts %s class %s %s', (unNumber, cls, packingInstruction) => {
    expect(checkDgLine({ unNumber, class: cls, packingInstruction }, 'dg')).toEqual([]);
  });

  it.each([
    [{ unNumber: '3480', class: '9', packingInstruction: 'PI965' }, 'dg.unNumber', /"UN" followed by 4 digits/],
    [{ unNumber: 'UN0003', class: '9', packingInstruction: 'PI965' }, 'dg.unNumber', /UN0003 is not an assigned UN number/],
    [{ unNumber: 'UN9999', class: '9', packingInstruction: 'PI965' }, 'dg.unNumber', /not an assigned/],
    [{ unNumber: 'UN1263', class: '10', packingInstruction: 'Y341' }, 'dg.class', /hazard class or division/],
    [{ unNumber: 'UN1263', class: '2', packingInstruction: 'Y341' }, 'dg.class', /hazard class or division/],
    [{ unNumber: 'UN1263', class: '3', packingInstruction: 'P965' }, 'dg.packingInstruction', /PI965 or Y963/],
    [{ unNumber: 'UN3480', class: '8', packingInstruction: 'PI965' }, 'dg.class', /UN3480 \(lithium batteries\) is class 9, not 8/],
    [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI966' }, 'dg.packingInstruction', /UN3480 ships under PI965, not PI966/],
    [{ unNumber: 'UN3091', class: '9', packingInstruction: 'PI965' }, 'dg.packingInstruction', /UN3091 ships under PI969 or PI970/],
  ])('rejects %j', (line, field, message) => {
    expect(checkDgLine(line, 'dg')).toEqual([{ field, message: expect.stringMatching(message) }]);
  });
});
