import type { BrokerConnection } from './broker-connection.handler';

/** A parked Fetch (long-poll) waiting for data, its deadline, or a rebalance. */
export interface FetchWaiter {
  readonly connection: BrokerConnection;
  readonly keys: string[];
  /** Re-evaluates the fetch; `force` answers it whatever it finds. Returns true once answered. */
  wake(force: boolean): boolean;
  cancel(): void;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * Index of parked fetches by partition, so that a produce wakes exactly the fetches watching
 * the partition it appended to.
 */
export class FetchWaiters {
  private readonly byKey = new Map<string, Set<FetchWaiter>>();
  private readonly all = new Set<FetchWaiter>();

  add(w: FetchWaiter): void {
    this.all.add(w);
    for (const k of w.keys) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(w);
    }
  }

  remove(w: FetchWaiter): void {
    if (!this.all.delete(w)) return;
    for (const k of w.keys) {
      const set = this.byKey.get(k);
      if (set) {
        set.delete(w);
        if (set.size === 0) this.byKey.delete(k);
      }
    }
  }

  /** Data arrived on (or the topic of) a partition: re-check the fetches watching it. */
  notify(topic: string, partition: number): void {
    const set = this.byKey.get(partitionKey(topic, partition));
    if (!set) return;
    for (const w of [...set]) if (w.wake(false)) this.remove(w);
  }

  /** Answers now every parked fetch of these clients (a group they belong to is rebalancing). */
  release(clientIds: Set<string>, connectionIds: Set<number>): void {
    for (const w of [...this.all]) {
      if (connectionIds.has(w.connection.id) || clientIds.has(w.connection.clientId)) {
        w.wake(true);
        this.remove(w);
      }
    }
  }

  connectionClosed(conn: BrokerConnection): void {
    for (const w of [...this.all]) {
      if (w.connection === conn) {
        w.cancel();
        this.remove(w);
      }
    }
  }

  /** Answers every parked fetch (shutdown). */
  releaseAll(): void {
    for (const w of [...this.all]) {
      w.wake(true);
      this.remove(w);
    }
  }
}
