import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 1_000, jitter: 0 };

  it('grows exponentially from initialMs and never exceeds maxMs', () => {
    expect([1, 2, 3, 4, 5, 10, 100].map((n) => backoffDelay(policy, n))).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('spreads by the jitter fraction, still within [0, maxMs]', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(backoffDelay(jittered, 1, () => 0)).toBe(50);
    expect(backoffDelay(jittered, 1, () => 1)).toBe(150);
    expect(backoffDelay(jittered, 10, () => 1)).toBe(1_000);
  });
});

describe('sleep', () => {
  it('returns early when aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, abort.signal);
    abort.abort();
    await slept;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
