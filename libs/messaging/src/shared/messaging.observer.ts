/**
 * What the relay and the consumer report as they work (the service's metrics listen; see
 * {@link MessagingMetrics}). Every method is optional and must not throw.
 */
export interface MessagingObserver {
  /** `count` outbox rows of `topic` were acknowledged by the broker and marked published. */
  published?(topic: string, count: number): void;
  /** A relay attempt (send or database) failed; the rows stay and are retried. */
  publishFailed?(): void;
  /** A consumed record of `topic` ended as `outcome` (processed, duplicate, ignored, dead-lettered). */
  consumed?(topic: string, outcome: string): void;
  /** A record of `topic` failed with a `kind` (transient, infrastructure) failure and is retried. */
  retried?(topic: string, kind: string): void;
  /** A record of `topic` went to `<topic>.dlq` with the reason `code`. */
  deadLettered?(topic: string, code: string): void;
}
