import { computeKpis, median, percentile, type FlightFacts, type KpiLookups } from './kpi.calculator';
import { initialProjectionState } from './shipment-event.reducers';
import { projectShipment, type Booking, type ShipmentView } from './shipment.projection';
import { happyPath } from './tracked-events.spec-helper';

const lookups: KpiLookups = {
  isMetroStation: (code) => ['OVS', 'EZS'].includes(code),
  regionOf: (code) => (({ PVG: 'DOMESTIC', SHA: 'DOMESTIC', PEK: 'DOMESTIC', HKG: 'ASIA', ICN: 'ASIA', FRA: 'GLOBAL', LGG: 'GLOBAL' }) as const)[code as 'PVG'],
};

type Entry = ShipmentView['timeline'][number];
const entry = (code: Entry['code'], happenedAt: string): Entry => ({ eventId: `${code}-${happenedAt}`, kind: 'HandlingScanned', code, happenedAt, recordedAt: happenedAt, recordedLate: false, summary: code });
const DAY = 86_400_000;
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

/** A hand-built view: received at `receivedAt` with its promise, released by customs, then `over`. */
function view(awb: string, receivedAt: string, over: Partial<ShipmentView> = {}): ShipmentView {
  const level = over.serviceLevel ?? 'D2';
  const days = { D1: 1, D2: 2, D3: 3 }[level];
  return {
    ...initialProjectionState(awb),
    stationCode: 'OVS',
    serviceLevel: level,
    receivedAt,
    promisedBy: plus(receivedAt, days),
    cleared: true,
    status: 'CCD',
    timeline: [entry('RCS', receivedAt), entry('CCD', receivedAt)],
    ...over,
  };
}
const withEntries = (v: ShipmentView, ...entries: Entry[]): ShipmentView => ({ ...v, timeline: [...v.timeline, ...entries] });
const booking = (over: Partial<Booking> = {}): Booking => ({
  outcome: 'ASSIGNED',
  flightId: 'MU2501-2026-11-25',
  flightNumber: 'MU2501',
  origin: 'WUH',
  destination: 'PVG',
  departureAt: '2026-11-25T10:00:00Z',
  cutoffAt: '2026-11-25T08:00:00Z',
  arrivalAt: '2026-11-25T12:00:00Z',
  truckDepartBy: '2026-11-25T07:15:00Z',
  aircraftKind: 'BELLY',
  chargeableWeightKg: 100,
  ...over,
});
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

describe('computeKpis: on time means delivered (DLV) within the 1-2-3 promise', () => {
  const asOf = new Date('2026-11-28T12:00:00Z');

  it('counts late what is delivered late or still undelivered past its promise, and leaves out what is not yet due', () => {
    const views = [
      // a: promise 11-27 00:00, delivered 11-26 20:00 → on time
      view('784-00000011', '2026-11-25T00:00:00Z', { status: 'DLV', deliveredAt: '2026-11-26T20:00:00Z' }),
      // b: promise 11-27 00:00, delivered 11-27 03:00 → late
      withEntries(view('784-00000022', '2026-11-25T00:00:00Z', { status: 'DLV', statusAt: '2026-11-27T03:00:00Z' }), entry('DLV', '2026-11-27T03:00:00Z')),
      // c: in transit with an ETA, promise 11-27 06:00 passed → late
      view('784-00000033', '2026-11-25T06:00:00Z', { status: 'DEP', booking: booking(), eta: '2026-11-27T10:00:00Z' }),
      // d: wait-listed past its promise → late
      withEntries(view('784-00000044', '2026-11-25T08:00:00Z'), entry('WTL', '2026-11-25T09:00:00Z')),
      // e: an open exception past its promise → late
      withEntries(view('784-00000055', '2026-11-25T09:00:00Z', { exception: { code: 'NO_COLD_CHAIN', explanation: 'none', since: '2026-11-25T10:00:00Z' } }), entry('EXC', '2026-11-25T10:00:00Z')),
      // f: in transit, promise 11-29 00:00 still ahead → not yet due, left out
      view('784-00000066', '2026-11-27T00:00:00Z', { status: 'DEP', booking: booking() }),
      // g: promise 11-29 00:00 ahead, but already delivered 11-28 02:00 → on time
      view('784-00000070', '2026-11-27T00:00:00Z', { status: 'DLV', deliveredAt: '2026-11-28T02:00:00Z' }),
      // h: never released by customs → left out
      view('784-00000081', '2026-11-25T00:00:00Z', { cleared: false, status: 'TGC', timeline: [entry('RCS', '2026-11-25T00:00:00Z'), entry('TGC', '2026-11-25T00:10:00Z')] }),
      // i: a DLV stamped after asOf does not count yet: still undelivered past its promise → late
      view('784-00000092', '2026-11-25T00:00:00Z', { status: 'DLV', deliveredAt: '2026-11-28T18:00:00Z' }),
      // D1: delivered, known only from status and statusAt → on time
      view('784-00000103', '2026-11-27T00:00:00Z', { serviceLevel: 'D1', status: 'DLV', statusAt: '2026-11-27T20:00:00Z' }),
    ];
    const [d1, d2, d3] = computeKpis(views, [], lookups, asOf).onTime;
    expect(d2).toEqual({ serviceLevel: 'D2', numerator: 2, denominator: 7, value: 2 / 7, onTimeDelivered: 2, lateDelivered: 1, lateNotDelivered: 4, notYetDue: 1 });
    expect(d1).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(d3).toMatchObject({ numerator: 0, denominator: 0, value: null, notYetDue: 0 });
  });

  it('works on projected views: the example shipment delivered in Frankfurt within D3', () => {
    const projected = projectShipment('784-12345675', happyPath());
    expect(computeKpis([projected], [], lookups, asOf).onTime[2]).toMatchObject({ serviceLevel: 'D3', onTimeDelivered: 1, denominator: 1, value: 1 });
    // Before the DLV scan it is in transit and not yet due: nothing to measure yet.
    const inTransit = projectShipment('784-12345675', happyPath().slice(0, -1));
    expect(computeKpis([inTransit], [], lookups, new Date('2026-11-26T12:00:00Z')).onTime[2]).toMatchObject({ denominator: 0, notYetDue: 1 });
  });
});

describe('computeKpis: air self-transport counts every released metro-area shipment', () => {
  it('wait-listed, road-fed, exceptions and undecided shipments are in the denominator; only flown ones in the numerator', () => {
    const at = '2026-11-25T00:00:00Z';
    const views = [
      view('784-00000011', at, { booking: booking({ chargeableWeightKg: 300 }) }),
      view('784-00000022', at, { stationCode: 'EZS', booking: booking({ aircraftKind: 'FREIGHTER', chargeableWeightKg: 100 }) }),
      view('784-00000033', at, { booking: booking({ outcome: 'ROAD_FEEDER', aircraftKind: 'TRUCK', chargeableWeightKg: 200 }) }),
      withEntries(view('784-00000044', at, { chargeableWeightKg: 150 }), entry('WTL', at)),
      withEntries(view('784-00000055', at, { chargeableWeightKg: 50, exception: { code: 'CAO_NO_FREIGHTER', explanation: 'none', since: at } }), entry('EXC', at)),
      view('784-00000066', at),
      // left out: held again before booking, never released, another region's station, received after asOf
      view('784-00000070', at, { openHold: { caseId: 'C-1', since: at, reasons: ['MANUAL'] }, status: 'TGC' }),
      view('784-00000081', at, { cleared: false, timeline: [entry('RCS', at)] }),
      view('784-00000092', at, { stationCode: 'SZS', booking: booking() }),
      view('784-00000103', '2026-11-30T00:00:00Z', { booking: booking() }),
    ];
    const k = computeKpis(views, [], lookups, new Date('2026-11-26T00:00:00Z')).airSelfTransport;
    expect(k).toMatchObject({ numerator: 2, denominator: 6, target: 0.9, breakdown: { flown: 2, roadFed: 1, waitlisted: 1, exceptions: 1, undecided: 1 } });
    expect(k.value).toBeCloseTo(1 / 3, 10);
    expect(k.byWeightKg).toEqual({ numerator: 400, denominator: 800, value: 0.5 });
  });
});

describe('computeKpis: daily counts use completed days only', () => {
  // 04:00Z on 11-27 is 12:00 in Wuhan: 11-27 is not over, so 11-24 … 11-26 are the completed days.
  const asOf = new Date('2026-11-27T04:00:00Z');
  const flights = [
    flight({ flightId: 'H', destination: 'FRA', departureAt: '2026-11-24T08:00:00Z' }), // first operated day: 11-24
    flight({ flightId: 'A', destination: 'PVG', departureAt: '2026-11-25T02:00:00Z' }),
    flight({ flightId: 'B', destination: 'SHA', origin: 'EHU', departureAt: '2026-11-25T10:00:00Z' }),
    flight({ flightId: 'C', destination: 'HKG', departureAt: '2026-11-25T15:59:00Z' }), // 23:59 on 11-25 in Wuhan
    flight({ flightId: 'D', destination: 'PVG', departureAt: '2026-11-25T16:30:00Z' }), // 00:30 on 11-26 in Wuhan
    flight({ flightId: 'E', destination: 'PVG', aircraftKind: 'TRUCK', departureAt: '2026-11-26T02:00:00Z' }), // a truck
    flight({ flightId: 'F', destination: 'PVG', manifested: false, capacityKg: null, departureAt: '2026-11-26T03:00:00Z' }), // never closed (cancelled)
    flight({ flightId: 'G', destination: 'PVG', departureAt: '2026-11-27T01:00:00Z' }), // today: not over yet
  ];

  it('Wuhan–Shanghai and Wuhan–Hong Kong flights per completed local day, days without any counting 0', () => {
    const k = computeKpis([], flights, lookups, asOf).expressLines;
    expect(k.days).toEqual([
      { date: '2026-11-24', shanghai: 0, hongKong: 0 },
      { date: '2026-11-25', shanghai: 2, hongKong: 1 },
      { date: '2026-11-26', shanghai: 1, hongKong: 0 },
    ]);
    expect(k.completedDays).toBe(3);
    expect(k.shanghaiPerDay).toBe(1);
    expect(k.hongKongPerDay).toBeCloseTo(1 / 3, 10);
    expect(k.targets).toEqual({ shanghai: 20, hongKong: { min: 5, max: 6 } });
  });

  it('no completed day yet: nothing to average', () => {
    const k = computeKpis([], [flight({ departureAt: '2026-11-25T02:00:00Z' })], lookups, new Date('2026-11-25T08:00:00Z')).expressLines;
    expect(k).toMatchObject({ days: [], completedDays: 0, shanghaiPerDay: null, hongKongPerDay: null });
  });
});

describe('computeKpis: routes, holds and load factors', () => {
  it('international routes flown (manifest closed, departed) and transfer routes of departed bookings', () => {
    const asOf = new Date('2026-11-26T00:00:00Z');
    const flights = [
      flight({ flightId: 'A', destination: 'FRA' }),
      flight({ flightId: 'B', destination: 'FRA' }),
      flight({ flightId: 'C', destination: 'PEK' }),
      flight({ flightId: 'D', origin: 'EHU', destination: 'LGG' }),
      flight({ flightId: 'E', destination: 'ICN', manifested: false }),
      flight({ flightId: 'F', destination: 'HKG', departureAt: '2026-11-27T02:00:00Z' }),
    ];
    const connection = { flightId: 'CX9-2026-11-25', flightNumber: 'CX9', via: 'HKG', departureAt: '2026-11-25T18:00:00Z', arrivalAt: '2026-11-25T21:00:00Z' };
    const views = [
      view('784-00000011', '2026-11-25T00:00:00Z', { booking: booking({ destination: 'ICN', connection }) }),
      view('784-00000022', '2026-11-25T00:00:00Z', { booking: booking({ destination: 'SIN', departureAt: '2026-11-27T10:00:00Z', connection }) }),
    ];
    const k = computeKpis(views, flights, lookups, asOf);
    expect(k.internationalRoutes).toEqual({ count: 2, routes: ['EHU-LGG', 'WUH-FRA'], target: 20 });
    expect(k.transferRoutes).toEqual({ count: 1, routes: ['WUH-HKG-ICN'], target: 25 });
  });

  it('customs hold time median and p90 over holds released by asOf; open holds counted apart', () => {
    const held = (hours: number, awb: string) => {
      const release = new Date(Date.parse('2026-11-25T01:00:00Z') + hours * 3_600_000).toISOString();
      return view(awb, '2026-11-25T00:00:00Z', { timeline: [entry('RCS', '2026-11-25T00:00:00Z'), entry('TGC', '2026-11-25T01:00:00Z'), entry('CCD', release)] });
    };
    const views = [1, 2, 3, 4, 10, 60].map((h, i) => held(h, `784-0000${i}0${i}1`));
    views.push(view('784-00009991', '2026-11-25T00:00:00Z', { cleared: false, openHold: { caseId: 'C-9', since: '2026-11-25T01:00:00Z', reasons: ['MANUAL'] } }));
    // The 60 h hold is released on 11-27 13:00, after asOf: not counted yet.
    expect(computeKpis(views, [], lookups, new Date('2026-11-26T00:00:00Z')).customsHoldHours).toEqual({ count: 5, medianHours: 3, p90Hours: 10, open: 1 });
  });

  it('load factors of the aircraft whose manifest closed (Σ kg / Σ capacity); trucks and open flights left out', () => {
    const flights = [
      flight({ flightId: 'A', origin: 'WUH', aircraftKind: 'BELLY', capacityKg: 10_000, chargeableWeightKg: 8_000 }),
      flight({ flightId: 'B', origin: 'EHU', aircraftKind: 'FREIGHTER', capacityKg: 50_000, chargeableWeightKg: 20_000 }),
      flight({ flightId: 'C', origin: 'EHU', aircraftKind: 'FREIGHTER', capacityKg: 50_000, chargeableWeightKg: 40_000 }),
      flight({ flightId: 'D', origin: 'EHU', manifested: false, capacityKg: null, chargeableWeightKg: 999 }),
      flight({ flightId: 'T', origin: 'EHU', aircraftKind: 'TRUCK', capacityKg: 20_000, chargeableWeightKg: 1_000 }),
    ];
    const k = computeKpis([], flights, lookups, new Date('2026-11-26T00:00:00Z')).loadFactors;
    expect(k.byAirport).toEqual([
      { key: 'EHU', flights: 2, numerator: 60_000, denominator: 100_000, value: 0.6 },
      { key: 'WUH', flights: 1, numerator: 8_000, denominator: 10_000, value: 0.8 },
    ]);
    expect(k.byAircraftKind.map((g) => [g.key, g.value])).toEqual([
      ['BELLY', 0.8],
      ['FREIGHTER', 0.6],
    ]);
  });

  it('reports nulls rather than NaN when there is nothing to measure, and the time it is computed for', () => {
    const k = computeKpis([], [], lookups, new Date('2026-11-26T00:00:00Z'));
    expect(k.asOf).toBe('2026-11-26T00:00:00.000Z');
    expect(k.airSelfTransport.value).toBeNull();
    expect(k.airSelfTransport.byWeightKg.value).toBeNull();
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

describe('computeKpis: shipments cancelled at the station are in no KPI', () => {
  it('neither the on-time nor the air self-transport denominator counts a withdrawn shipment', () => {
    const at = '2026-11-25T00:00:00Z';
    const cancelled = { cancelled: { at: '2026-11-25T02:00:00Z', reason: 'Shipper withdrew the shipment' }, status: 'CXL' as const };
    const views = [
      view('784-00000011', at, { serviceLevel: 'D1', booking: booking() }),
      view('784-00000022', at, { serviceLevel: 'D1', ...cancelled }),
      withEntries(view('784-00000033', at, { serviceLevel: 'D1', ...cancelled }), entry('WTL', at)),
    ];
    const k = computeKpis(views, [], lookups, new Date('2026-11-28T00:00:00Z'));
    expect(k.airSelfTransport).toMatchObject({ numerator: 1, denominator: 1 });
    expect(k.onTime[0]).toMatchObject({ serviceLevel: 'D1', denominator: 1 });
  });
});
