/**
 * A consumed Kafka record, independent of who read it (kafkajs directly, or NestJS's transport,
 * whose parser may already have turned `value` into text or a parsed object and headers into text).
 */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  /** Offset as kafkajs gives it (int64 as a decimal string). */
  offset: string;
  key?: Buffer | string | null;
  value?: unknown;
  headers?: Record<string, unknown> | null;
  /** Broker timestamp (ms since epoch, as text). */
  timestamp?: string;
}
