import { applyDecorators, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, type OpenAPIObject } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { CSV_MEDIA_TYPE, JSON_MEDIA_TYPE, negotiateRepresentation } from './content-negotiation';
import { CSV_ARRAY_SEPARATOR, renderCsv } from './csv-table.renderer';
import { HttpEdgeError } from './http-edge.types';
import type { EdgeRequest } from './request-context';

const CSV_EXPORT = 'cargo:csv-export';
/** The OpenAPI extension that marks an exportable operation (`documentCsvExports` turns it into a `text/csv` response). */
const CSV_EXTENSION = 'x-csv-export';

/** How a route's JSON answer holds the list a CSV export renders. */
export interface CsvExportOptions {
  /** The property of the JSON answer that holds the rows: `items` (the list shape of every service) by default. */
  rows?: string;
}

/**
 * Marks a GET route whose answer is a list (`{ items: [...] }`, or the array property `rows` names)
 * as exportable: a caller that prefers `text/csv` gets the list as CSV (see {@link CsvExportInterceptor}),
 * and the OpenAPI document lists `text/csv` beside `application/json` as the route's content types.
 */
export function CsvExportable(options: CsvExportOptions = {}): MethodDecorator {
  const rows = options.rows ?? 'items';
  return applyDecorators(SetMetadata(CSV_EXPORT, { rows } satisfies Required<CsvExportOptions>), ApiExtension(CSV_EXTENSION, { rows }));
}

interface OperationLike {
  [CSV_EXTENSION]?: { rows: string };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

/**
 * Documents the CSV export in a service's OpenAPI document: every operation marked by
 * {@link CsvExportable} gets `text/csv` (a string) beside its JSON as the content of its 200 answer.
 */
export function documentCsvExports(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const operation = item.get as OperationLike | undefined;
    const exported = operation?.[CSV_EXTENSION];
    if (!operation || !exported) continue;
    const responses = (operation.responses ??= {});
    const ok = (responses['200'] ??= { description: '' });
    ok.content = {
      [JSON_MEDIA_TYPE]: { schema: { type: 'object' } },
      ...ok.content,
      [CSV_MEDIA_TYPE]: {
        schema: {
          type: 'string',
          description: `With \`Accept: text/csv\`: the \`${exported.rows}\` list as RFC 4180 CSV (UTF-8 with BOM, CRLF, a header row; nested fields as dotted columns, arrays joined with "${CSV_ARRAY_SEPARATOR}", times ISO 8601; text starting with = + - @ tab or CR prefixed with ') as an attachment`,
        },
      },
    };
  }
  return document;
}

/** The parts of Express's response the export writes. */
interface ExportResponse {
  setHeader(name: string, value: string): unknown;
  getHeader(name: string): unknown;
}

/** `attachment; filename=…` from the request path: `/v1/flights/O36921-2026-11-25/manifest` → `flights-O36921-2026-11-25-manifest.csv`. */
export function csvFilenameOf(path: string): string {
  const base = path
    .split('?')[0]
    ?.replace(/^\/+(v\d+\/)?/, '')
    .replace(/\/+$/, '')
    .replace(/\//g, '-')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 120);
  return `${base || 'export'}.csv`;
}

/**
 * The CSV export of every service, installed by the HTTP edge for every route: negotiates the
 * representation from `Accept` before the handler runs (406, in the one error shape, when the caller
 * takes only CSV and the route has none), and after it renders the route's list as RFC 4180 CSV
 * with `Content-Disposition: attachment`. Errors are never CSV: the exception filter answers JSON.
 * A route that answered its own text (e.g. a manifest as FFM) is left as it is.
 */
export class CsvExportInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector = new Reflector()) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const options = this.reflector.get<Required<CsvExportOptions> | undefined>(CSV_EXPORT, context.getHandler());
    const request = context.switchToHttp().getRequest<EdgeRequest>();
    const response = context.switchToHttp().getResponse<ExportResponse>();
    const representation = negotiateRepresentation(request.headers, options !== undefined);
    if (representation === 'not-acceptable') {
      throw new HttpEdgeError('NOT_ACCEPTABLE', options ? 'This list is available as application/json or text/csv.' : 'This answer is not a list: it is available as application/json only (text/csv is offered for lists).', [
        { field: 'header.accept', message: options ? 'must accept application/json or text/csv' : 'must accept application/json' },
      ]);
    }
    if (options) {
      const vary = response.getHeader('vary');
      response.setHeader('vary', vary ? `${String(vary)}, Accept` : 'Accept');
    }
    if (representation !== 'csv' || !options) return next.handle();
    return next.handle().pipe(
      map((body: unknown) => {
        if (typeof body === 'string') return body;
        const rows = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[options.rows] : undefined;
        if (!Array.isArray(rows)) throw new HttpEdgeError('NOT_ACCEPTABLE', 'This answer holds no list to export as text/csv; ask for application/json.', [{ field: 'header.accept', message: 'must accept application/json' }]);
        const csv = renderCsv(rows);
        response.setHeader('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8; header=present`);
        response.setHeader('content-disposition', `attachment; filename="${csvFilenameOf(request.path ?? request.originalUrl ?? request.url ?? '')}"`);
        return csv;
      }),
    );
  }
}
