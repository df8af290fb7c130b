/// <reference lib="dom" />
/** Small HTML and inline-SVG builders of the dashboard (no framework: strings into `innerHTML`). */

export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A horizontal bar with an optional target marker, as inline SVG. */
export function bar(value: number | null, max: number, target: number | null, good: boolean, width = 180): string {
  const x = (v: number) => Math.max(0, Math.min(width, (v / max) * width));
  const fill = value === null ? '#2e4a70' : good ? '#3ecf8e' : '#f5a524';
  return `<svg class="bar" width="${width}" height="12" viewBox="0 0 ${width} 12" aria-hidden="true"><rect width="${width}" height="12" rx="3" fill="#0b1423"/>` +
    (value === null ? '' : `<rect width="${x(value)}" height="12" rx="3" fill="${fill}"/>`) +
    (target === null ? '' : `<line x1="${x(target)}" x2="${x(target)}" y1="0" y2="12" stroke="#fff" stroke-width="2"/>`) +
    '</svg>';
}

/**
 * A sparkline of a daily series (gaps where a day has no value), with the target as a dashed line
 * and the last value as a dot; empty when fewer than two days have a value.
 */
export function sparkline(values: Array<number | null>, target: number | null = null, width = 180, height = 34): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return '';
  const lo = Math.min(...known, target ?? Infinity);
  const hi = Math.max(...known, target ?? -Infinity);
  const span = hi - lo || 1;
  const x = (i: number) => (values.length === 1 ? width / 2 : 3 + (i * (width - 6)) / (values.length - 1));
  const y = (v: number) => height - 3 - ((v - lo) / span) * (height - 6);
  const segments: string[] = [];
  let path = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (path) segments.push(path);
      path = '';
      return;
    }
    path += `${path ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (path) segments.push(path);
  const lastIndex = values.reduce<number>((last, v, i) => (v === null ? last : i), -1);
  const last = values[lastIndex] as number;
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true">` +
    (target === null ? '' : `<line x1="0" x2="${width}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}" stroke="#93a4bd" stroke-dasharray="3 3" stroke-width="1"/>`) +
    segments.map((d) => `<path d="${d}" fill="none" stroke="#4da3ff" stroke-width="2" stroke-linejoin="round"/>`).join('') +
    `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="3" fill="#4da3ff"/></svg>`;
}

export interface Column {
  label: string;
  /** A class for the header and cells (e.g. `num` for right-aligned figures). */
  cls?: string;
}

/**
 * A table that becomes stacked cards on a narrow screen (CSS `table.cards`): each cell carries its
 * column's label in `data-label`, which the narrow layout shows before the value. A table narrow
 * enough for a phone stays a table (`stack = false`).
 */
export function cardsTable(columns: Column[], rows: Array<{ cells: string[]; attrs?: string }>, id = '', stack = true): string {
  const head = columns.map((c) => `<th${c.cls ? ` class="${c.cls}"` : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map((r) => `<tr${r.attrs ? ` ${r.attrs}` : ''}>${r.cells.map((cell, i) => `<td data-label="${esc(columns[i]?.label)}"${columns[i]?.cls ? ` class="${columns[i]?.cls}"` : ''}>${cell}</td>`).join('')}</tr>`)
    .join('');
  return `<table${stack ? ' class="cards"' : ''}${id ? ` id="${id}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
