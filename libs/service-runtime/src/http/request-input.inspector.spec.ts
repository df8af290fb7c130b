import { inspectInput, inspectPath, unstorableReason } from './request-input.inspector';

describe('request input inspector', () => {
  it('accepts ordinary text, including Chinese and emoji (paired surrogates)', () => {
    expect(unstorableReason('光谷 鄂A·12345 📦')).toBeUndefined();
    expect(inspectInput({ a: [{ b: '武汉' }], n: 1, t: true, z: null }, '')).toBeUndefined();
  });

  it('refuses NUL and unpaired surrogates, naming the field', () => {
    expect(inspectInput({ shipper: { name: 'ab\u0000c' } }, '')).toEqual({ field: 'shipper.name', message: expect.stringContaining('NUL') });
    expect(inspectInput({ items: ['ok', '\ud800'] }, '')).toEqual({ field: 'items.1', message: expect.stringContaining('surrogate') });
    expect(inspectInput({ 'bad\u0000key': 1 }, '')).toMatchObject({ message: expect.stringContaining('key') });
    expect(inspectInput({ station: 'O\u0000' }, 'query')).toMatchObject({ field: 'query.station' });
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(inspectInput(deep, '', 32)).toEqual({ field: expect.any(String), message: 'nesting is deeper than 32 levels' });
    let ok: unknown = 'x';
    for (let i = 0; i < 32; i += 1) ok = { k: ok };
    expect(inspectInput(ok, '', 32)).toBeUndefined();
  });

  it('refuses paths that do not decode or decode to NUL', () => {
    expect(inspectPath('/v1/flights/CZ3481-2026-11-25/manifest')).toBeUndefined();
    expect(inspectPath('/v1/flights/%00/manifest')).toMatchObject({ field: 'path' });
    expect(inspectPath('/v1/shipments/%ff')).toMatchObject({ field: 'path' });
    expect(inspectPath('/v1/shipments/%E6%AD%A6')).toBeUndefined();
  });
});
