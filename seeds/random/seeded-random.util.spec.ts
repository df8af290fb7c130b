import { mulberry32, seededRandom } from './seeded-random.util';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('gives integers in the inclusive range and roughly uniform', () => {
    const rng = seededRandom(7);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 6000; i++) {
      const face = rng.int(1, 6) - 1;
      counts[face] = (counts[face] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(6000);
  });

  it('picks by weight', () => {
    const rng = seededRandom(3);
    let heavy = 0;
    for (let i = 0; i < 1000; i++) if (rng.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy).toBeGreaterThan(850);
  });
});
