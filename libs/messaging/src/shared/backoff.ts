/** Bounded exponential backoff: `initialMs · factor^(attempt-1)`, capped at `maxMs`, with ±`jitter` spread. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Multiplier per attempt; 2 by default. */
  factor?: number;
  /** Relative random spread (0..1) so that instances do not retry in lock-step; 0.2 by default. */
  jitter?: number;
}

/** Delay before retry number `attempt` (1-based). Never negative, never above `maxMs`. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const factor = policy.factor ?? 2;
  const jitter = policy.jitter ?? 0.2;
  const base = Math.min(policy.maxMs, policy.initialMs * factor ** Math.max(0, attempt - 1));
  const spread = base * jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(policy.maxMs, Math.round(base + spread)));
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
