import { randomUUID } from 'node:crypto';
import type { EventDefinition } from '../catalog/event-definition';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * The envelope every event travels in: CloudEvents 1.0 attributes (lower-case names, as the spec
 * requires for attributes and extensions) around a JSON payload. On Kafka it is written in binary
 * mode (attributes as `ce_*` headers, `data` as the value) by `@cargo/messaging`.
 *
 * Invariants:
 * - `id` is unique per event; consumers use it for idempotency (processed-event table).
 * - `correlationid` is the id of the first event of the conversation; every event caused by another
 *   carries the cause's `correlationid` unchanged and the cause's `id` as `causationid`.
 * - `time` is when the event was recorded/emitted. When the fact *happened* lives in the payload
 *   (`receivedAt`, `happenedAt`, …), because scans arrive late and out of order.
 * - `subject` equals the Kafka key: canonical AWB for shipment events, flight id for manifests.
 */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  /** Unique event id (UUID). */
  id: string;
  /** Event type, reverse-DNS, e.g. `cn.wuhan.aircargo.cargo.received`. */
  type: string;
  /** Producing service as a URI-reference, e.g. `/services/station-intake`. */
  source: string;
  /** RFC 3339; when the event was recorded (emitted). */
  time: string;
  /** The Kafka key: canonical AWB for shipment events, flight id for manifests. */
  subject?: string;
  datacontenttype: 'application/json';
  /** Payload schema version (CloudEvents extension attribute, hence lower-case). */
  schemaversion: number;
  /** Id of the conversation: the id of the first event of the causal chain. */
  correlationid: string;
  /** Id of the event that caused this one; absent on the first event of a chain. */
  causationid?: string;
  data: T;
}

export interface CreateEnvelopeOptions {
  /** Producing service URI-reference, e.g. `/services/customs-hold`. */
  source: string;
  /** The event that caused this one: its id becomes `causationid`, its `correlationid` is inherited. */
  causation?: Pick<EventEnvelope, 'id' | 'correlationid'>;
  /** Correlation id for a chain that starts outside Kafka (e.g. an HTTP request id); ignored when `causation` is given. */
  correlationId?: string;
  /** Event id; a fresh UUID by default. Pass one to make emission idempotent (e.g. an outbox row id). */
  id?: string;
  /** Recording time; now by default. */
  time?: Date | string;
}

/**
 * Wraps a payload in an envelope for `def`: fills `id` (random UUID), `time` (now), the correlation
 * chain from `causation`, and `subject` from the definition's key function.
 */
export function createEnvelope<T extends object>(def: EventDefinition<T>, data: T, opts: CreateEnvelopeOptions): EventEnvelope<T> {
  const id = opts.id ?? randomUUID();
  const time = opts.time === undefined ? new Date().toISOString() : typeof opts.time === 'string' ? opts.time : opts.time.toISOString();
  const envelope: EventEnvelope<T> = {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id,
    type: def.type,
    source: opts.source,
    time,
    subject: def.keyOf(data),
    datacontenttype: JSON_CONTENT_TYPE,
    schemaversion: def.schemaVersion,
    correlationid: opts.causation?.correlationid ?? opts.correlationId ?? id,
    data,
  };
  if (opts.causation) envelope.causationid = opts.causation.id;
  return envelope;
}
