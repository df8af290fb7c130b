import type { CallHandler, ExecutionContext } from '@nestjs/common';
/** Where @nestjs/swagger keeps a route's OpenAPI extensions (`ApiExtension`). */
const API_EXTENSION = 'swagger/apiExtension';
import { firstValueFrom, of } from 'rxjs';
import { negotiateRepresentation } from './content-negotiation';
import { CsvExportable, CsvExportInterceptor, csvFilenameOf, documentCsvExports } from './csv-export.interceptor';
import { HttpEdgeError } from './http-edge.types';

describe('content negotiation between JSON and CSV', () => {
  const csvRoute = (accept?: string) => negotiateRepresentation(accept === undefined ? {} : { accept }, true);
  const jsonRoute = (accept?: string) => negotiateRepresentation(accept === undefined ? {} : { accept }, false);

  it('keeps JSON the default', () => {
    expect(csvRoute()).toBe('json');
    expect(csvRoute('*/*')).toBe('json');
    expect(csvRoute('application/json')).toBe('json');
    expect(csvRoute('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('json');
    expect(csvRoute('application/json, text/csv')).toBe('json');
  });

  it('gives CSV when the caller prefers it, by q-value or by order at an equal one', () => {
    expect(csvRoute('text/csv')).toBe('csv');
    expect(csvRoute('text/csv; charset=utf-8')).toBe('csv');
    expect(csvRoute('application/json;q=0.5, text/csv')).toBe('csv');
    expect(csvRoute('text/csv, application/json')).toBe('csv');
    expect(csvRoute('text/*')).toBe('csv');
    expect(csvRoute('text/csv;q=0.2, application/json;q=0.9')).toBe('json');
    expect(csvRoute('text/csv;q=0, */*')).toBe('json');
  });

  it('is not acceptable when the caller takes only CSV and the route has none', () => {
    expect(jsonRoute('text/csv')).toBe('not-acceptable');
    expect(jsonRoute('text/csv, application/json;q=0.1')).toBe('json');
    expect(jsonRoute('text/csv, */*;q=0.1')).toBe('json');
    // Other types keep today's behaviour (a route may answer its own text, e.g. FSU as text/plain).
    expect(jsonRoute('text/plain')).toBe('json');
    expect(jsonRoute('text/event-stream')).toBe('json');
    expect(csvRoute('text/plain')).toBe('json');
  });
});

describe('CSV export interceptor', () => {
  class Probe {
    @CsvExportable()
    list(): string {
      return 'list';
    }
    @CsvExportable({ rows: 'shipments' })
    manifest(): string {
      return 'manifest';
    }
    one(): string {
      return 'one';
    }
  }

  function run(handler: keyof Probe, accept: string | undefined, body: unknown, path = '/v1/shipments') {
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (headers[name] = value), getHeader: (name: string) => headers[name] };
    const request = { headers: accept === undefined ? {} : { accept }, path };
    const context = {
      getType: () => 'http',
      getHandler: () => Probe.prototype[handler],
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    } as unknown as ExecutionContext;
    let handled = 0;
    const next: CallHandler = {
      handle: () => {
        handled += 1;
        return of(body);
      },
    };
    return { headers, handled: () => handled, result: () => firstValueFrom(new CsvExportInterceptor().intercept(context, next)) };
  }

  it('renders an exportable list as a CSV attachment, and documents text/csv in OpenAPI', async () => {
    const call = run('list', 'text/csv', { items: [{ awb: '784-12345675', booking: { flightNumber: 'O36921' } }], total: 1 });
    expect(await call.result()).toBe('\uFEFFawb,booking.flightNumber\r\n784-12345675,O36921\r\n');
    expect(call.headers).toEqual({ vary: 'Accept', 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': 'attachment; filename="shipments.csv"' });
    expect(Reflect.getMetadata(API_EXTENSION, Probe.prototype.manifest)).toEqual({ 'x-csv-export': { rows: 'shipments' } });
  });

  it('documents text/csv beside the JSON of the 200 answer of a marked operation only', () => {
    const document = documentCsvExports({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/v1/list': { get: { 'x-csv-export': { rows: 'items' }, responses: { '200': { description: '' } } } as never },
        '/v1/manifest': { get: { 'x-csv-export': { rows: 'shipments' }, responses: { '200': { description: 'm', content: { 'application/json': {}, 'text/plain': {} } } } } as never },
        '/v1/one': { get: { responses: { '200': { description: '' } } } },
      },
    });
    const content = (path: string) => Object.keys((document.paths[path]?.get?.responses['200'] as { content?: object }).content ?? {});
    expect(content('/v1/list')).toEqual(['application/json', 'text/csv']);
    expect(content('/v1/manifest')).toEqual(['application/json', 'text/plain', 'text/csv']);
    expect(content('/v1/one')).toEqual([]);
  });

  it('renders the property the route names (a manifest\'s shipments), and leaves JSON callers alone', async () => {
    expect(await run('manifest', 'text/csv', { flightId: 'O36921-2026-11-25', shipments: [{ awb: '1' }] }).result()).toContain('awb\r\n1\r\n');
    const body = { items: [{ awb: '1' }] };
    const json = run('list', 'application/json', body);
    expect(await json.result()).toBe(body);
    expect(json.headers).toEqual({ vary: 'Accept' });
  });

  it('answers 406 to a caller that takes only CSV from a route that is not a list, before the handler runs', () => {
    const call = run('one', 'text/csv', { awb: '1' });
    let thrown: unknown;
    try {
      void call.result();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpEdgeError);
    expect(thrown).toMatchObject({ kind: 'NOT_ACCEPTABLE', fields: [{ field: 'header.accept' }] });
    expect(call.handled()).toBe(0);
    expect(() => run('one', undefined, {}).result()).not.toThrow();
  });

  it('answers 406 when the answer holds no list, and passes a route\'s own text through', async () => {
    await expect(run('list', 'text/csv', { items: 'nope' }).result()).rejects.toMatchObject({ kind: 'NOT_ACCEPTABLE' });
    expect(await run('manifest', 'text/*', 'FFM/8\r\n').result()).toBe('FFM/8\r\n');
  });

  it('names the file after the path', () => {
    expect(csvFilenameOf('/v1/flights/O36921-2026-11-25/manifest')).toBe('flights-O36921-2026-11-25-manifest.csv');
    expect(csvFilenameOf('/v1/kpis/daily?from=2026-11-01')).toBe('kpis-daily.csv');
    expect(csvFilenameOf('/v1/x/"a b"')).toBe('x-_a_b_.csv');
  });
});
