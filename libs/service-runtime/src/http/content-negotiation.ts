import accepts from 'accepts';
import type { IncomingMessage } from 'node:http';

export const JSON_MEDIA_TYPE = 'application/json';
export const CSV_MEDIA_TYPE = 'text/csv';

/** What a response should be: the JSON as always, the list as CSV, or 406 (the caller takes only CSV). */
export type Representation = 'json' | 'csv' | 'not-acceptable';

/**
 * Content negotiation of the `Accept` header (RFC 9110 §12.5.1, with q-values, through `accepts`,
 * the negotiator Express uses) between JSON and CSV. JSON is the default: no `Accept` or `*∕*`
 * gives JSON; CSV only when the caller prefers it (`text/csv` or `text/*` with the higher q-value,
 * or listed first at an equal one). A route without CSV answers 406 only to a caller that names `text/csv` and
 * accepts nothing JSON; any other `Accept` keeps today's behaviour (JSON, or the route's own text).
 */
export function negotiateRepresentation(headers: Record<string, string | string[] | undefined>, csvOffered: boolean): Representation {
  if (headers['accept'] === undefined) return 'json';
  const negotiator = accepts({ headers } as IncomingMessage);
  const offered = csvOffered ? [JSON_MEDIA_TYPE, `${CSV_MEDIA_TYPE};charset=utf-8`] : [JSON_MEDIA_TYPE];
  const chosen = negotiator.type(offered);
  if (chosen === JSON_MEDIA_TYPE) return 'json';
  if (typeof chosen === 'string') return 'csv';
  const named = negotiator.types() as string[];
  return named.includes(CSV_MEDIA_TYPE) ? 'not-acceptable' : 'json';
}
