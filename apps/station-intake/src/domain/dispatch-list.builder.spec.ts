import { buildDispatchList, decisionSupersedes, type DispatchEntry, type ShipmentLegState } from './dispatch-list.builder';

function leg(awb: string, overrides: Partial<ShipmentLegState> = {}): DispatchEntry {
  return {
    leg: {
      awb,
      stationCode: 'OVS',
      onLeg: true,
      outcome: 'ASSIGNED',
      flightId: 'CZ3481-2026-11-25',
      flightNumber: 'CZ3481',
      origin: 'WUH',
      destination: 'FRA',
      departureAt: new Date('2026-11-25T14:00:00Z'),
      cutoffAt: new Date('2026-11-25T11:00:00Z'),
      aircraftKind: 'BELLY',
      chargeableWeightKg: 100.5,
      decidedAt: new Date('2026-11-25T05:00:00Z'),
      decisionVersion: 1,
      ...overrides,
    },
    shipment: { pieces: 2, grossWeightKg: 90, loadedAt: null, truckDepartedAt: null },
  };
}

describe('buildDispatchList', () => {
  it('puts flights with the same cut-off on one truck that leaves cut-off minus the truck minutes', () => {
    const list = buildDispatchList({
      stationCode: 'OVS',
      airport: 'WUH',
      truckMinutes: 45,
      entries: [
        leg('784-00000020'),
        leg('784-00000011', { flightId: 'MU2501-2026-11-25', flightNumber: 'MU2501', departureAt: new Date('2026-11-25T13:30:00Z') }),
        leg('784-00000033'),
        leg('784-00000044', { cutoffAt: new Date('2026-11-25T08:00:00Z'), departureAt: new Date('2026-11-25T10:00:00Z'), flightId: 'CZ3001-2026-11-25', flightNumber: 'CZ3001', chargeableWeightKg: 10 }),
      ],
    });
    expect(list.trucks.map((t) => [t.truckRunId, t.departBy, t.shipmentCount, t.totalChargeableWeightKg])).toEqual([
      ['OVS-WUH-20261125T0715', '2026-11-25T07:15:00.000Z', 1, 10],
      ['OVS-WUH-20261125T1015', '2026-11-25T10:15:00.000Z', 3, 301.5],
    ]);
    const late = list.trucks[1];
    expect(late?.flights.map((f) => f.flightNumber)).toEqual(['MU2501', 'CZ3481']);
    expect(late?.flights[1]?.shipments.map((s) => s.awb)).toEqual(['784-00000020', '784-00000033']);
  });

  it('leaves out offloaded shipments and legs from the other airport', () => {
    const list = buildDispatchList({
      stationCode: 'OVS',
      airport: 'EHU',
      truckMinutes: 60,
      entries: [
        leg('784-00000011', { origin: 'EHU', aircraftKind: 'FREIGHTER' }),
        leg('784-00000020', { origin: 'WUH' }),
        leg('784-00000033', { origin: null, onLeg: false, outcome: 'OFFLOADED', flightId: null, cutoffAt: null, departureAt: null }),
      ],
    });
    expect(list.trucks.flatMap((t) => t.flights.flatMap((f) => f.shipments.map((s) => s.awb)))).toEqual(['784-00000011']);
    expect(list.trucks[0]?.departBy).toBe('2026-11-25T10:00:00.000Z');
  });

  it('is empty without shipments', () => {
    expect(buildDispatchList({ stationCode: 'OVS', airport: 'WUH', truckMinutes: 45, entries: [] })).toEqual({ stationCode: 'OVS', airport: 'WUH', truckMinutes: 45, trucks: [] });
  });
});

describe('decisionSupersedes', () => {
  const at = new Date('2026-11-25T05:00:00Z');
  const earlier = new Date('2026-11-25T04:59:59Z');
  const later = new Date('2026-11-25T05:00:01Z');

  it('lets the greater decision version win, whatever the decision times say', () => {
    expect(decisionSupersedes({ decisionVersion: 1, decidedAt: at }, undefined)).toBe(true);
    expect(decisionSupersedes({ decisionVersion: 3, decidedAt: earlier }, { decisionVersion: 2, decidedAt: at })).toBe(true);
    expect(decisionSupersedes({ decisionVersion: 2, decidedAt: later }, { decisionVersion: 3, decidedAt: at })).toBe(false);
    expect(decisionSupersedes({ decisionVersion: 3, decidedAt: later }, { decisionVersion: 3, decidedAt: at })).toBe(false);
  });

  it('a versioned decision supersedes an unversioned one, never the other way round', () => {
    expect(decisionSupersedes({ decisionVersion: 1, decidedAt: earlier }, { decisionVersion: 0, decidedAt: at })).toBe(true);
    expect(decisionSupersedes({ decisionVersion: 0, decidedAt: later }, { decisionVersion: 1, decidedAt: at })).toBe(false);
  });

  it('between two decisions from before versions: the later (or equally timed) one wins', () => {
    expect(decisionSupersedes({ decisionVersion: 0, decidedAt: later }, { decisionVersion: 0, decidedAt: at })).toBe(true);
    expect(decisionSupersedes({ decisionVersion: 0, decidedAt: at }, { decisionVersion: 0, decidedAt: at })).toBe(true);
    expect(decisionSupersedes({ decisionVersion: 0, decidedAt: earlier }, { decisionVersion: 0, decidedAt: at })).toBe(false);
  });
});
