import type { Topic } from '../topics/topics.constants';

/**
 * What infrastructure needs to know about one kind of event to publish and validate it generically:
 * its CloudEvents `type`, the topic it travels on, its payload schema version and class, and how to
 * derive its Kafka key from the payload.
 *
 * Invariants: `type` is unique across the catalog; several types may share a topic (e.g.
 * `flight.assigned` and `flight.assignment.failed` on `flight.assignment.v1`), so consumers dispatch on
 * the envelope's `type`, never on the topic alone.
 */
export interface EventDefinition<T extends object = object> {
  /** CloudEvents `type`, reverse-DNS, e.g. `cn.wuhan.aircargo.cargo.received`. */
  type: string;
  topic: Topic;
  /** Current payload schema version; goes into the envelope's `schemaversion`. */
  schemaVersion: number;
  /** The class-validator class of the payload. */
  payload: new () => T;
  /** Kafka key: the canonical AWB for shipment events, the flight id for manifests. */
  keyOf(payload: T): string;
}

/** One validation failure, addressed by a dotted path into the payload, e.g. `dangerousGoods.0.unNumber`. */
export interface FieldError {
  /** Dotted path; `''` when the whole value is wrong (e.g. not an object). */
  field: string;
  /** Why it is wrong, in words a station clerk or an on-call engineer can act on. */
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Reverse-DNS prefix of every event type this platform produces. */
export const EVENT_TYPE_PREFIX = 'cn.wuhan.aircargo.';
