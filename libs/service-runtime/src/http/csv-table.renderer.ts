import { stringify } from 'csv-stringify/sync';

/** A cell before quoting: text, or a number (kept apart so a negative number is not taken for a formula). */
type Cell = string | number;

/** Joins the elements of an array in one cell. */
export const CSV_ARRAY_SEPARATOR = '; ';

/**
 * A JSON value as the service would send it: `toJSON` applied (a `Date` becomes its ISO 8601
 * text), `undefined` and functions dropped. The CSV shows what the JSON shows.
 */
function asJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One array element in a joined cell: scalars as text, objects as compact JSON. */
function elementText(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(elementText).join(CSV_ARRAY_SEPARATOR);
  return String(value);
}

/**
 * Flattens one row: nested objects become dotted columns (`booking.flightNumber`), arrays are
 * joined in one cell, `null` is an empty cell. A non-object row is one `value` column.
 */
export function flattenCsvRow(row: unknown): Map<string, Cell> {
  const out = new Map<string, Cell>();
  if (!isRecord(row)) {
    out.set('value', cellOf(row));
    return out;
  }
  const walk = (record: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(record)) {
      const column = prefix === '' ? key : `${prefix}.${key}`;
      if (isRecord(value) && Object.keys(value).length > 0) walk(value, column);
      else out.set(column, isRecord(value) ? '' : cellOf(value));
    }
  };
  walk(row, '');
  return out;
}

/**
 * The columns of flattened rows, in order of first appearance. A column that is only ever empty
 * and has dotted sub-columns (`openHold` null in one row, `openHold.since` in another) is dropped:
 * the sub-columns say the same.
 */
function columnsOf(rows: ReadonlyArray<Map<string, Cell>>): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const column of row.keys()) seen.add(column);
  const all = [...seen];
  return all.filter((column) => {
    const hasChildren = all.some((other) => other.startsWith(`${column}.`));
    return !hasChildren || rows.some((row) => (row.get(column) ?? '') !== '');
  });
}

/**
 * Renders a list as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break. Rows are flattened (see {@link flattenCsvRow}); dates are ISO 8601
 * as in the JSON. Against formula injection (OWASP "CSV Injection"), a text cell starting with
 * `=`, `+`, `-`, `@`, tab or CR (or their full-width forms) is prefixed with `'`, so a spreadsheet
 * shows it as text and runs nothing; numbers, negative ones too, stay numbers. The text starts with
 * a UTF-8 byte order mark so that spreadsheet programs read Chinese names as UTF-8.
 * An empty list is an empty document (no column is known).
 */
export function renderCsv(list: readonly unknown[]): string {
  const rows = (asJson(list) as unknown[]).map(flattenCsvRow);
  const columns = columnsOf(rows);
  if (columns.length === 0) return '';
  const records: Cell[][] = [columns, ...rows.map((row) => columns.map((column) => row.get(column) ?? ''))];
  return stringify(records, { bom: true, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true, eof: true });
}
