import { EXAMPLE_MOMENT, EventCatalog, exampleEventPayload } from '@cargo/contracts';
import { waitFor } from '@cargo/testing';
import { parse } from 'csv-parse/sync';
import { startTrackingHarness, type TrackingHarness } from './tracking-service.spec-helper';

/**
 * The CSV export of lists (`Accept: text/csv`, the shared HTTP edge) on the real tracking service,
 * broker and PostgreSQL: shipments of a day, by status and by flight, as a spreadsheet gets them;
 * a non-list answer is 406 and errors stay JSON.
 */
describe('tracking CSV export (real broker + PostgreSQL)', () => {
  let h: TrackingHarness;
  const booked = '784-12345675';
  /** A shipper whose name a spreadsheet would run as a formula. */
  const evil = '112-76543213';

  /** GET with the operations token (or `token`, or none with `null`), the raw answer: its headers and text matter here. */
  const get = (path: string, headers: Record<string, string> = {}, token: string | null = h.opsToken) =>
    fetch(`${h.service.url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const rowsOf = async (response: Response) => parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>>;

  beforeAll(async () => {
    h = await startTrackingHarness('tracking_csv', { CLOCK_SIM_ORIGIN: EXAMPLE_MOMENT });
    await h.produce(EventCatalog.CargoReceived, exampleEventPayload('CargoReceived'));
    await h.produce(EventCatalog.FlightAssigned, exampleEventPayload('FlightAssigned'));
    const received = exampleEventPayload('CargoReceived');
    await h.produce(EventCatalog.CargoReceived, { ...received, awb: evil, shipper: { ...(received['shipper'] as object), name: '=HYPERLINK("http://x.example","open")' } });
    await waitFor(async () => {
      const body = (await (await get('/v1/shipments?date=2026-11-25')).json()) as { total?: number; items?: Array<{ status: string }> };
      return body.total === 2 && body.items?.some((s) => s.status === 'BKD') ? true : undefined;
    }, { timeoutMs: 30_000, description: 'both shipments projected, one booked' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('exports the shipments of a day, by status and by flight, as an RFC 4180 attachment with dotted columns', async () => {
    const response = await get('/v1/shipments?date=2026-11-25&status=BKD&flight=O36921&pageSize=1000', { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="shipments.csv"');
    expect(response.headers.get('vary')).toMatch(/Accept/);
    const rows = await rowsOf(response);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ awb: booked, status: 'BKD', 'booking.flightNumber': 'O36921', 'booking.flightId': 'O36921-2026-11-25', 'booking.departureAt': '2026-11-25T14:30:00Z' });
    // Another flight, by number or by id: nothing (an empty list is an empty document).
    expect(await (await get('/v1/shipments?date=2026-11-25&flight=CZ3481', { accept: 'text/csv' })).text()).toBe('');
    expect(await rowsOf(await get('/v1/shipments?flight=O36921-2026-11-25', { accept: 'text/csv' }))).toEqual([expect.objectContaining({ awb: booked })]);
    // JSON stays the default, also when the caller takes either.
    const json = await get('/v1/shipments?date=2026-11-25&flight=O36921', { accept: 'application/json, text/csv' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await json.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('prefixes a cell a spreadsheet would run as a formula', async () => {
    const rows = await rowsOf(await get('/v1/shipments?date=2026-11-25&status=RCS', { accept: 'text/csv;q=0.9, application/json;q=0.5' }));
    expect(rows.find((r) => r['awb'] === evil)?.['shipperName']).toBe('\'=HYPERLINK("http://x.example","open")');
  });

  it('answers 406 in the JSON error shape for an answer that is not a list, and keeps errors JSON', async () => {
    const kpis = await get('/v1/kpis', { accept: 'text/csv' });
    expect(kpis.status).toBe(406);
    expect(kpis.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await kpis.json()).toMatchObject({ error: { code: 'TRACKING.NOT_ACCEPTABLE', fields: [{ field: 'header.accept' }] } });

    const anonymous = await get('/v1/shipments', { accept: 'text/csv' }, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'TRACKING.UNAUTHENTICATED' } });

    const invalid = await get('/v1/shipments?flight=not-a-flight', { accept: 'text/csv' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'TRACKING.INVALID_REQUEST', fields: [{ field: 'flight' }] } });
  });

  it('documents text/csv for the exportable lists, and the flight filter, in OpenAPI', async () => {
    const openapi = (await (await fetch(`${h.service.url}/docs-json`)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    for (const path of ['/v1/shipments', '/v1/holds/open', '/v1/board/departures']) expect(Object.keys(openapi.paths[path]?.['get']?.responses['200']?.content ?? {})).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(openapi.paths['/v1/kpis']?.['get']?.responses['200']?.content ?? {})).not.toContain('text/csv');
    expect(openapi.paths['/v1/shipments']?.['get']?.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining(['date', 'status', 'flight']));
  });
});
