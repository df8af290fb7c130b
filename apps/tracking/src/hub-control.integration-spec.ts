import { EXAMPLE_MOMENT, hubLocalDate } from '@cargo/contracts';
import { Clock, ManualClock } from '@cargo/service-runtime';
import type { ControlFlight, ControlShipment, TruckRun } from './domain/hub-control.model';
import type { KpiReport } from './domain/kpi.calculator';
import { dailyKpiRowOf, type DailyKpiRow } from './domain/kpi-trend.model';
import type { NetworkFlow, NetworkNode } from './domain/hub-network.layout';
import type { OperatorException } from './domain/operator-exceptions.policy';
import { CONTROL_SCENARIO, seedControlScenario, startTrackingHarness, type TrackingHarness } from './tracking-service.spec-helper';

/**
 * The operator views on a real broker and PostgreSQL, with a manual clock at the examples' moment
 * (25 Nov 2026, 09:15 in Wuhan): one flight already gone, two to come (one of them empty), a
 * freighter fed by a truck on the road and a station still to load, and a customs hold that becomes
 * overdue by the clock moving alone.
 */
describe('operator views (real broker + PostgreSQL, manual clock)', () => {
  let h: TrackingHarness;
  const today = hubLocalDate(EXAMPLE_MOMENT);
  const { FREIGHTER, OVS, NPB, GONE, HELD } = CONTROL_SCENARIO;

  beforeAll(async () => {
    h = await startTrackingHarness('tracking_control', { CLOCK_MODE: 'manual', CLOCK_SIM_ORIGIN: EXAMPLE_MOMENT, CONTROL_EXCEPTIONS_TICK_MS: '200' });
    await seedControlScenario(h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('lists the upcoming departures first and the departed apart, without empty belly flights unless asked', async () => {
    type Report = { asOf: string; date: string; items: ControlFlight[]; departed: ControlFlight[]; hiddenEmpty: number };
    const { status, body } = await h.get<Report>(`/v1/control/flights?date=${today}`);
    expect(status).toBe(200);
    expect(body.asOf).toBe(new Date(EXAMPLE_MOMENT).toISOString());
    expect(body.items.map((f) => f.flightNumber)).toEqual(['CZ3003', 'O36921']);
    expect(body.departed.map((f) => [f.flightNumber, f.status])).toEqual([['CZ3001', 'DEPARTED']]);
    expect(body.hiddenEmpty).toBe(1);
    const freighter = body.items[1];
    expect(freighter).toMatchObject({
      flightId: FREIGHTER,
      carrier: 'O3',
      airport: 'EHU',
      destination: 'FRA',
      aircraftKind: 'FREIGHTER',
      cutoffAt: '2026-11-25T11:30:00Z',
      secondsToCutoff: (Date.parse('2026-11-25T11:30:00Z') - Date.parse(EXAMPLE_MOMENT)) / 1000,
      status: 'MANIFESTED',
      shipments: 2,
      weight: { bookedKg: 786.5, capacityKg: 50_000 },
      // B767-300F: 400 m³ for 50 t; 2.4 + 1.1 m³ booked
      volume: { bookedM3: 3.5, capacityM3: 400, loadFactor: 0.009 },
    });
    expect(freighter.trucks.map((t) => [t.station, t.truckId, t.state])).toEqual([
      ['NPB', null, 'PLANNED'],
      ['OVS', '鄂A·D12345', 'ON_ROAD'],
    ]);

    const withEmpty = (await h.get<Report>(`/v1/control/flights?date=${today}&includeEmpty=true&includeDeparted=false&airport=WUH`)).body;
    expect(withEmpty.items.map((f) => [f.flightNumber, f.shipments])).toEqual([
      ['CZ3003', 1],
      ['MU2501', 0],
    ]);
    expect(withEmpty.departed).toEqual([]);
    expect((await h.get<Report>(`/v1/control/flights?date=${today}&q=NPB`)).body.items.map((f) => f.flightId)).toEqual([FREIGHTER]);
    expect((await h.get<Report>(`/v1/control/flights?date=2026-11-26`)).body.items).toEqual([]);
    const bad = await h.get<{ error: { code: string; fields: Array<{ field: string }> } }>('/v1/control/flights?airport=PVG&includeEmpty=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.field).sort()).toEqual(['airport', 'includeEmpty']);
  });

  it('opens a flight with its shipments and the truck runs feeding it', async () => {
    const { status, body } = await h.get<{ flight: ControlFlight; trucks: TruckRun[]; items: ControlShipment[] }>(`/v1/control/flights/${FREIGHTER}`);
    expect(status).toBe(200);
    expect(body.flight.flightNumber).toBe('O36921');
    expect(body.items).toEqual([
      expect.objectContaining({ awb: NPB, station: 'NPB', pieces: 12, weightKg: 300, volumeM3: 1.1, status: 'BKD', truckId: null, truckState: 'PLANNED' }),
      expect.objectContaining({ awb: OVS, station: 'OVS', pieces: 12, weightKg: 486.5, volumeM3: 2.4, status: 'MAN', held: false, truckId: '鄂A·D12345', truckState: 'ON_ROAD' }),
    ]);
    expect(body.trucks).toContainEqual(
      expect.objectContaining({ truckId: '鄂A·D12345', station: 'OVS', airport: 'EHU', shipments: 1, loadedAt: '2026-11-25T05:55:00.000Z', departedAt: '2026-11-25T06:05:00.000Z', arrivedAt: null, late: false }),
    );
    expect(await h.get('/v1/control/flights/XX0000-2026-11-25')).toMatchObject({ status: 404, body: { error: { code: 'TRACKING.FLIGHT_NOT_FOUND' } } });
    // its manifest as CSV (the shared edge's export of `items`)
    const csv = await fetch(`${h.service.url}/v1/control/flights/${FREIGHTER}`, { headers: { authorization: `Bearer ${h.opsToken}`, accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['awb', 'station', 'pieces', 'weightKg', 'volumeM3', 'status']));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([NPB, OVS]);
  });

  it('finds AWBs, flights and stations', async () => {
    type Found = { items: Array<{ kind: string; id: string }> };
    expect((await h.get<Found>('/v1/control/search?q=7841234')).body.items).toEqual([expect.objectContaining({ kind: 'AWB', id: OVS })]);
    expect((await h.get<Found>('/v1/control/search?q=o369')).body.items).toEqual([expect.objectContaining({ kind: 'FLIGHT', id: FREIGHTER })]);
    expect((await h.get<Found>('/v1/control/search?q=NPB')).body.items).toEqual([expect.objectContaining({ kind: 'STATION', id: 'NPB', detail: expect.objectContaining({ shipmentsToday: 1 }) })]);
    expect((await h.get('/v1/control/search')).status).toBe(400);
  });

  it('draws the day’s flows: station → hub by truck, hub → destination by flight', async () => {
    const { body } = await h.get<{ nodes: NetworkNode[]; items: NetworkFlow[]; max: { weightKg: number } }>(`/v1/control/network?date=${today}`);
    expect(body.items).toEqual(
      expect.arrayContaining([
        { from: 'EHU', to: 'FRA', mode: 'FLIGHT', shipments: 2, weightKg: 786.5, runs: 1 },
        { from: 'OVS', to: 'EHU', mode: 'TRUCK', shipments: 1, weightKg: 486.5, runs: 1 },
        { from: 'NPB', to: 'EHU', mode: 'TRUCK', shipments: 1, weightKg: 300, runs: 1 },
        { from: 'WUH', to: 'PVG', mode: 'FLIGHT', shipments: 2, weightKg: 600, runs: 2 },
      ]),
    );
    expect(body.max.weightKg).toBe(786.5);
    const node = (code: string) => body.nodes.find((n) => n.code === code) as NetworkNode;
    expect(node('OVS')).toMatchObject({ kind: 'STATION', lat: 30.478 });
    expect(node('FRA')).toMatchObject({ kind: 'DESTINATION', region: 'GLOBAL' });
    // drawn to scale: Xiaogan (north-west of Wuhan) is left of and above Optics Valley
    expect(node('XGS').x).toBeLessThan(node('OVS').x);
    expect(node('XGS').y).toBeLessThan(node('OVS').y);
  });

  it('gives each day’s KPI tiles as the KPI calculator does', async () => {
    const kpis = (await h.get<KpiReport>('/v1/kpis')).body;
    const daily = (await h.get<{ items: DailyKpiRow[] }>(`/v1/kpis/daily?from=2026-11-23&to=${today}`)).body.items;
    expect(daily.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', today]);
    expect(daily[2]).toEqual(dailyKpiRowOf(today, kpis));
    expect(daily[2].airSelfTransportDenominator).toBeGreaterThan(0);
    expect(daily[0]).toMatchObject({ asOf: '2026-11-23T16:00:00.000Z', airSelfTransportDenominator: 0 });
    expect((await h.get('/v1/kpis/daily?from=2026-11-25&to=2026-11-20')).status).toBe(400);
  });

  it('puts a customs hold on the live exceptions queue once it passes the threshold, with no new event', async () => {
    const holdId = `CUSTOMS_HOLD_OVERDUE:${HELD}`;
    const stream = await h.openStream('/v1/control/exceptions/stream');
    await stream.readUntil(/event: exceptions\n/);
    await stream.readUntil('\n\n');
    expect(stream.text).toContain(`TRUCK_LATE:${GONE}`);
    expect(stream.text).not.toContain(holdId);
    const now = await h.get<{ items: OperatorException[] }>('/v1/control/exceptions');
    expect(now.body.items.map((e) => e.id)).not.toContain(holdId);

    (h.service.app.get(Clock) as ManualClock).advance(125 * 60_000);
    await stream.readUntil(holdId);
    stream.close();
    const after = await h.get<{ items: OperatorException[] }>('/v1/control/exceptions?kind=CUSTOMS_HOLD_OVERDUE');
    expect(after.body.items).toEqual([
      expect.objectContaining({
        id: holdId,
        awb: HELD,
        station: 'OVS',
        since: '2026-11-25T09:14:33+08:00',
        ageMinutes: 125,
        reason: { key: 'exception.customsHoldOverdue.reason', params: { minutes: 125, threshold: 120, holdReasons: 'DOCUMENTS' }, text: 'Held by customs for 125 min (Documents), over the 120 min threshold' },
        action: expect.objectContaining({ key: 'action.customsRelease', actor: 'customs-officer', service: 'customs-hold', method: 'POST', path: `/v1/cases/${HELD}/releases` }),
      }),
    ]);
  });

  it('answers operations only', async () => {
    const shipper = await h.issuer.token({ sub: 'shipper-1', roles: ['shipper'], party_id: 'SHP-OV-001' });
    for (const path of ['/v1/control/flights', `/v1/control/flights/${FREIGHTER}`, '/v1/control/search?q=OVS', '/v1/control/exceptions', '/v1/control/exceptions/stream', '/v1/control/network', '/v1/kpis/daily']) {
      expect({ path, status: (await h.get(path, null)).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await h.get(path, shipper)).status }).toEqual({ path, status: 403 });
    }
  });
});
