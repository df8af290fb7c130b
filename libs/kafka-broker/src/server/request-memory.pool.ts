/** A connection waiting for memory to receive its next (large) request. */
export interface MemoryWaiter {
  readonly isClosed: boolean;
  /** Memory for `bytes` was reserved for it: it may read its request now. */
  memoryGranted(): void;
  /** The size it waits for. */
  readonly pendingFrameBytes: number;
}

/**
 * Bounds the memory held by requests being received, across all connections (Kafka's
 * `queued.max.request.bytes`, with the same non-strict rule as its memory pool: a request is
 * admitted while any budget is left, so one request of up to `socket.request.max.bytes` always
 * fits). A connection whose next request does not fit stops reading (TCP backpressure) until
 * memory is released. Requests up to {@link RequestMemoryPool.smallRequestBytes} (metadata,
 * heartbeats, commits, fetches) never wait, so a stalled large upload cannot starve group
 * membership.
 *
 * Worst case held: budget + one largest request + small requests in flight.
 */
export class RequestMemoryPool {
  private available: number;
  private readonly waiters: MemoryWaiter[] = [];
  /** Bytes currently buffered by connections (complete or partial frames not yet handled). */
  bufferedBytes = 0;

  constructor(
    readonly budgetBytes: number,
    readonly smallRequestBytes = 64 * 1024,
  ) {
    this.available = budgetBytes;
  }

  /** Reserves `bytes` for a request about to be received; false (and queued) when none is left. */
  tryReserve(bytes: number, waiter: MemoryWaiter): boolean {
    if (bytes <= this.smallRequestBytes) return true;
    if (this.available > 0 && this.waiters.length === 0) {
      this.available -= bytes;
      return true;
    }
    if (!this.waiters.includes(waiter)) this.waiters.push(waiter);
    return false;
  }

  /** Returns memory reserved with {@link tryReserve} and admits waiting connections, in order. */
  release(bytes: number): void {
    if (bytes <= this.smallRequestBytes) return;
    this.available += bytes;
    this.grant();
  }

  /** A closed connection no longer waits. */
  forget(waiter: MemoryWaiter): void {
    const i = this.waiters.indexOf(waiter);
    if (i >= 0) this.waiters.splice(i, 1);
    this.grant();
  }

  private grant(): void {
    while (this.available > 0 && this.waiters.length > 0) {
      const w = this.waiters.shift() as MemoryWaiter;
      if (w.isClosed) continue;
      this.available -= w.pendingFrameBytes;
      // Asynchronously: the waiter may complete a request (and release memory) right away.
      setImmediate(() => w.memoryGranted());
    }
  }
}
