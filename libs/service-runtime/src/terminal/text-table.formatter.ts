/** One column of a text table. */
export interface TextColumn {
  header: string;
  /** Numbers and percentages read best right-aligned; text left (the default). */
  align?: 'left' | 'right';
  /** Least width in characters, so that rows printed one by one (progress) stay aligned. */
  minWidth?: number;
}

/** A cell: text, or a number (written as is). */
export type TextCell = string | number;

/** Columns are separated by two spaces; the rule under the header is `─`. */
const GAP = '  ';

/**
 * Width in terminal columns, counted in code points: right for the English, digits, `%`, `—`, `✔`
 * and `✘` the hub prints (wide CJK characters are not measured; the terminal output is English).
 */
export function textWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** The width of each column: its header, its least width, and its widest cell. */
export function columnWidths(columns: readonly TextColumn[], rows: ReadonlyArray<readonly TextCell[]> = []): number[] {
  return columns.map((column, i) => Math.max(textWidth(column.header), column.minWidth ?? 0, ...rows.map((row) => textWidth(String(row[i] ?? '')))));
}

/** One row at the given widths, trailing spaces trimmed. */
export function formatTextRow(columns: readonly TextColumn[], row: readonly TextCell[], widths: readonly number[] = columnWidths(columns, [row])): string {
  return columns
    .map((column, i) => pad(String(row[i] ?? ''), widths[i] ?? 0, column.align ?? 'left'))
    .join(GAP)
    .trimEnd();
}

/** The header and the rule under it, at the given widths. */
export function formatTextHeader(columns: readonly TextColumn[], widths: readonly number[] = columnWidths(columns)): string[] {
  return [formatTextRow(columns, columns.map((c) => c.header), widths), widths.map((w) => '─'.repeat(w)).join(GAP)];
}

/**
 * An aligned table as lines (header, rule, rows), each line prefixed with `indent`. The one table
 * formatter of the terminal output people read: the simulator's day summary and its progress rows.
 */
export function formatTextTable(columns: readonly TextColumn[], rows: ReadonlyArray<readonly TextCell[]>, indent = ''): string[] {
  const widths = columnWidths(columns, rows);
  return [...formatTextHeader(columns, widths), ...rows.map((row) => formatTextRow(columns, row, widths))].map((line) => indent + line);
}
