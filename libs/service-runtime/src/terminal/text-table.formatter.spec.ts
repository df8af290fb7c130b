import { columnWidths, formatTextHeader, formatTextRow, formatTextTable, textWidth } from './text-table.formatter';

describe('text table formatter', () => {
  it('aligns text left and numbers and percentages right, under a header and a rule', () => {
    const lines = formatTextTable(
      [{ header: 'KPI' }, { header: 'value', align: 'right' }, { header: 'target', align: 'right' }, { header: '' }],
      [
        ['Air self-transport rate', '87.3 %', '≥ 90.0 %', '✘'],
        ['International routes', 22, '≥ 20', '✔'],
        ['Customs hold (median)', '—', '—', ''],
      ],
      '  ',
    );
    expect(lines).toEqual([
      '  KPI                       value    target',
      '  ───────────────────────  ──────  ────────  ─',
      '  Air self-transport rate  87.3 %  ≥ 90.0 %  ✘',
      '  International routes         22      ≥ 20  ✔',
      '  Customs hold (median)         —         —',
    ]);
    // Every value column ends in the same terminal column.
    const end = (line: string | undefined, cell: string) => textWidth((line ?? '').slice(0, (line ?? '').indexOf(cell) + cell.length));
    expect(end(lines[2], '87.3 %')).toBe(end(lines[3], '22'));
    expect(end(lines[2], '≥ 90.0 %')).toBe(end(lines[3], '≥ 20'));
  });

  it('keeps rows printed one at a time aligned with their header through least widths', () => {
    const columns = [{ header: 'time', minWidth: 5 }, { header: 'intakes', align: 'right' as const, minWidth: 9 }];
    const widths = columnWidths(columns);
    expect(formatTextHeader(columns, widths)).toEqual(['time     intakes', '─────  ─────────']);
    expect(formatTextRow(columns, ['07:05', '0/800'], widths)).toBe('07:05      0/800');
    expect(formatTextRow(columns, ['12:40', '412/800'], widths)).toBe('12:40    412/800');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(textWidth('✔ 90.0 %')).toBe(8);
    expect(textWidth('𝟘')).toBe(1);
  });
});
