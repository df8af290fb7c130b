import { computeKpis, median, percentile, type FlightFacts, type KpiLookups } from './kpi.calculator';
import { projectShipment, type ShipmentView } from './shipment.projection';
import { AWB, assigned, happyPath, hold, received, release } from './tracked-events.spec-helper';
import type { TrackedEvent } from './tracked-event.model';

const lookups: KpiLookups = {
  isMetroStation: (code) => ['OVS', 'EZS'].includes(code),
  regionOf: (code) => (({ PVG: 'DOMESTIC', SHA: 'DOMESTIC', PEK: 'DOMESTIC', HKG: 'ASIA', ICN: 'ASIA', FRA: 'GLOBAL', LGG: 'GLOBAL' }) as const)[code as 'PVG'],
};
const view = (events: TrackedEvent[], awb = AWB): ShipmentView => projectShipment(awb, events.map((e) => ({ ...e, awb })));
const flight = (over: Partial<FlightFacts>): FlightFacts => ({
  flightId: 'X-1',
  flightNumber: 'MU1',
  origin: 'WUH',
  destination: 'PVG',
  departureAt: '2026-11-25T02:00:00Z',
  aircraftKind: 'BELLY',
  capacityKg: 10_000,
  chargeableWeightKg: 5_000,
  manifested: true,
  ...over,
});

describe('computeKpis', () => {
  it('air self-transport: metro-area bookings flown from WUH/EHU vs road feeder, by count and weight; remote stations ignored', () => {
    const views = [
      view([received(), assigned({ chargeableWeightKg: 300 })], '784-00000011'),
      view([received(), assigned({ chargeableWeightKg: 100 })], '784-00000022'),
      view([received(), assigned({ chargeableWeightKg: 100 })], '784-00000033'),
      view([received(), assigned({ outcome: 'ROAD_FEEDER', aircraftKind: 'TRUCK', chargeableWeightKg: 500 })], '784-00000044'),
      view([received({ stationCode: 'SZS' }), assigned({ stationCode: 'SZS', outcome: 'ROAD_FEEDER', aircraftKind: 'TRUCK' })], '784-00000055'),
      view([received()], '784-00000066'),
    ];
    const k = computeKpis(views, [], lookups).airSelfTransport;
    expect(k).toMatchObject({ numerator: 3, denominator: 4, value: 0.75, target: 0.9 });
    expect(k.byWeightKg).toMatchObject({ numerator: 500, denominator: 1000, value: 0.5 });
  });

  it('on-time share per service level, from actual arrival or booked ETA', () => {
    const onTime = view(happyPath(), '784-00000011');
    const d1Late = view(
      [received({ serviceLevel: 'D1', destinationAirport: 'PVG' }), assigned({ destination: 'PVG', departureAt: '2026-11-26T00:00:00Z', cutoffAt: '2026-11-25T22:00:00Z', truckDepartBy: '2026-11-25T21:00:00Z', arrivalAt: '2026-11-26T02:00:00Z' })],
      '784-00000022',
    );
    const d1OnTime = view([received({ serviceLevel: 'D1', destinationAirport: 'PVG' }), assigned({ destination: 'PVG', arrivalAt: '2026-11-25T16:00:00Z' })], '784-00000033');
    const notBooked = view([received({ serviceLevel: 'D2' })], '784-00000044');
    const k = computeKpis([onTime, d1Late, d1OnTime, notBooked], [], lookups).onTime;
    expect(k).toEqual([
      { serviceLevel: 'D1', numerator: 1, denominator: 2, value: 0.5 },
      { serviceLevel: 'D2', numerator: 0, denominator: 0, value: null },
      { serviceLevel: 'D3', numerator: 1, denominator: 1, value: 1 },
    ]);
  });

  it('express-line flights per local day from manifests and bookings, trucks and other origins excluded', () => {
    const flights = [
      flight({ flightId: 'A', destination: 'PVG', departureAt: '2026-11-25T02:00:00Z' }),
      flight({ flightId: 'B', destination: 'SHA', origin: 'EHU', departureAt: '2026-11-25T10:00:00Z' }),
      flight({ flightId: 'C', destination: 'HKG', departureAt: '2026-11-25T15:59:00Z' }),
      flight({ flightId: 'D', destination: 'PVG', departureAt: '2026-11-25T16:30:00Z' }), // 00:30 on the 26th in Wuhan
      flight({ flightId: 'E', destination: 'PVG', aircraftKind: 'TRUCK' }),
    ];
    const booked = view([received(), assigned({ flightId: 'F', flightNumber: 'CX1', origin: 'WUH', destination: 'HKG', departureAt: '2026-11-25T05:00:00Z', aircraftKind: 'BELLY' })]);
    const k = computeKpis([booked], flights, lookups).expressLines;
    expect(k.days).toEqual([
      { date: '2026-11-25', shanghai: 2, hongKong: 2 },
      { date: '2026-11-26', shanghai: 1, hongKong: 0 },
    ]);
    expect(k.shanghaiPerDay).toBe(1.5);
    expect(k.hongKongPerDay).toBe(1);
    expect(k.targets).toEqual({ shanghai: 20, hongKong: { min: 5, max: 6 } });
  });

  it('counts international routes (non-domestic destinations) and transfer routes (itineraries via PVG/HKG)', () => {
    const flights = [flight({ flightId: 'A', destination: 'FRA' }), flight({ flightId: 'B', destination: 'FRA' }), flight({ flightId: 'C', destination: 'PEK' }), flight({ flightId: 'D', origin: 'EHU', destination: 'LGG' })];
    const transfer = view([
      received(),
      assigned({
        flightId: 'MU1-2026-11-25',
        origin: 'WUH',
        destination: 'ICN',
        connection: { flightId: 'CX9-2026-11-25', flightNumber: 'CX9', via: 'HKG', departureAt: '2026-11-26T18:00:00Z', arrivalAt: '2026-11-26T21:00:00Z' },
      }),
    ]);
    const k = computeKpis([transfer], flights, lookups);
    expect(k.internationalRoutes).toEqual({ count: 3, routes: ['EHU-LGG', 'WUH-FRA', 'WUH-HKG'], target: 20 });
    expect(k.transferRoutes).toEqual({ count: 1, routes: ['WUH-HKG-ICN'], target: 25 });
  });

  it('customs hold time median and p90 over closed holds; open holds counted apart', () => {
    const held = (hours: number, awb: string) =>
      view([received(), hold('2026-11-25T01:00:00Z'), release(new Date(Date.parse('2026-11-25T01:00:00Z') + hours * 3_600_000).toISOString())], awb);
    const views = [1, 2, 3, 4, 10].map((h, i) => held(h, `784-0000${i}0${i}1`));
    views.push(view([received(), hold('2026-11-25T01:00:00Z')], '784-00009991'));
    expect(computeKpis(views, [], lookups).customsHoldHours).toEqual({ count: 5, medianHours: 3, p90Hours: 10, open: 1 });
  });

  it('load factors by airport and aircraft kind over manifested flights (Σ kg / Σ capacity)', () => {
    const flights = [
      flight({ flightId: 'A', origin: 'WUH', aircraftKind: 'BELLY', capacityKg: 10_000, chargeableWeightKg: 8_000 }),
      flight({ flightId: 'B', origin: 'EHU', aircraftKind: 'FREIGHTER', capacityKg: 50_000, chargeableWeightKg: 20_000 }),
      flight({ flightId: 'C', origin: 'EHU', aircraftKind: 'FREIGHTER', capacityKg: 50_000, chargeableWeightKg: 40_000 }),
      flight({ flightId: 'D', origin: 'EHU', manifested: false, capacityKg: null, chargeableWeightKg: 999 }),
    ];
    const k = computeKpis([], flights, lookups).loadFactors;
    expect(k.byAirport).toEqual([
      { key: 'EHU', flights: 2, numerator: 60_000, denominator: 100_000, value: 0.6 },
      { key: 'WUH', flights: 1, numerator: 8_000, denominator: 10_000, value: 0.8 },
    ]);
    expect(k.byAircraftKind.map((g) => [g.key, g.value])).toEqual([
      ['BELLY', 0.8],
      ['FREIGHTER', 0.6],
    ]);
  });

  it('reports nulls rather than NaN when there is nothing to measure', () => {
    const k = computeKpis([], [], lookups);
    expect(k.airSelfTransport.value).toBeNull();
    expect(k.customsHoldHours).toEqual({ count: 0, medianHours: null, p90Hours: null, open: 0 });
    expect(k.expressLines.shanghaiPerDay).toBeNull();
  });
});

describe('statistics helpers', () => {
  it('median and nearest-rank percentile', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([5], 0.9)).toBe(5);
  });
});
