import { diffIntakeContent, differencesAsFieldErrors } from './intake-content.comparator';

const base = {
  awb: '784-12345675',
  pieces: 10,
  shipper: { id: 'SHP-1', name: 'A' },
  dangerousGoods: [{ unNumber: 'UN3481', class: '9' }],
  receivedAt: '2026-11-25T03:30:00.000Z',
  recordedAt: '2026-11-25T03:35:00.000Z',
};

describe('diffIntakeContent', () => {
  it('finds no difference in the same content with another key order and recordedAt', () => {
    const repost = { recordedAt: '2026-11-25T03:50:00.000Z', receivedAt: base.receivedAt, dangerousGoods: [{ class: '9', unNumber: 'UN3481' }], shipper: { name: 'A', id: 'SHP-1' }, pieces: 10, awb: base.awb };
    expect(diffIntakeContent(base, repost)).toEqual([]);
  });

  it('treats a missing optional field like an undefined one', () => {
    expect(diffIntakeContent({ ...base, agentId: undefined }, base)).toEqual([]);
  });

  it('lists every differing field by dotted path', () => {
    const repost = { ...base, pieces: 11, shipper: { id: 'SHP-1', name: 'B' }, dangerousGoods: [{ unNumber: 'UN3480', class: '9' }], agentId: 'AGT-1' };
    // Keys are visited in sorted order at every level.
    expect(diffIntakeContent(base, repost)).toEqual([
      { field: 'agentId', recorded: undefined, submitted: 'AGT-1' },
      { field: 'dangerousGoods.0.unNumber', recorded: 'UN3481', submitted: 'UN3480' },
      { field: 'pieces', recorded: 10, submitted: 11 },
      { field: 'shipper.name', recorded: 'A', submitted: 'B' },
    ]);
  });

  it('reports an array of another length as one difference', () => {
    expect(diffIntakeContent(base, { ...base, dangerousGoods: [] }).map((d) => d.field)).toEqual(['dangerousGoods']);
  });

  it('renders differences as field errors', () => {
    expect(differencesAsFieldErrors([{ field: 'pieces', recorded: 10, submitted: 11 }, { field: 'agentId', recorded: undefined, submitted: 'X' }])).toEqual([
      { field: 'pieces', message: 'on record: 10; submitted: 11' },
      { field: 'agentId', message: 'on record: absent; submitted: "X"' },
    ]);
  });
});

