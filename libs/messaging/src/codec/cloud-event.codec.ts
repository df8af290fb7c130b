import type { EventEnvelope } from '@cargo/contracts';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';
import { CloudEventHeaders, TraceHeaderNames } from './cloud-event.headers';
import { sanitizeTraceHeaders, type TraceHeaders } from './trace-context';

/** A record as written to Kafka by the relay (kafkajs `Message` shape, all text). */
export interface EncodedEventRecord {
  key: string;
  /** JSON of the envelope's `data`. */
  value: string;
  headers: Record<string, string>;
}

/**
 * A record as read from Kafka. Values may be raw (`Buffer`, kafkajs) or already transformed by
 * NestJS's `KafkaParser` (text, or a JSON-parsed object when it started with `{`/`[`), so the codec
 * accepts every shape and reads them the same way.
 */
export interface WireRecord {
  key?: Buffer | string | null;
  value?: unknown;
  headers?: Record<string, unknown> | null;
}

export interface DecodedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  /** The Kafka key (AWB / flight id), as text. */
  key: string | undefined;
  trace: TraceHeaders;
}

const JSON_CONTENT_TYPE = /^application\/json\s*(;.*)?$/i;
const MAX_ATTRIBUTE_LENGTH = 256;

/**
 * CloudEvents 1.0 Kafka binary mode ↔ {@link EventEnvelope}.
 *
 * Invariants:
 * - `encode` then `decode` returns an equal envelope (attributes and data) and the same trace headers.
 * - `decode` never returns a half-read envelope: any missing or invalid required attribute, a value
 *   that is not JSON, or a wrong content type throws `MESSAGING.MALFORMED_RECORD` naming the problem.
 * - An invalid `traceparent` is dropped, never an error: tracing cannot poison an event.
 * - The codec does not know event types; the consumer checks `type` against its registry.
 */
export class CloudEventCodec {
  encode(envelope: EventEnvelope, options: { key: string; trace?: TraceHeaders }): EncodedEventRecord {
    const headers: Record<string, string> = {
      [CloudEventHeaders.SpecVersion]: envelope.specversion,
      [CloudEventHeaders.Id]: envelope.id,
      [CloudEventHeaders.Type]: envelope.type,
      [CloudEventHeaders.Source]: envelope.source,
      [CloudEventHeaders.Time]: envelope.time,
      [CloudEventHeaders.SchemaVersion]: String(envelope.schemaversion),
      [CloudEventHeaders.CorrelationId]: envelope.correlationid,
      [CloudEventHeaders.ContentType]: envelope.datacontenttype,
    };
    if (envelope.subject !== undefined) headers[CloudEventHeaders.Subject] = envelope.subject;
    if (envelope.causationid !== undefined) headers[CloudEventHeaders.CausationId] = envelope.causationid;
    const trace = sanitizeTraceHeaders(options.trace);
    if (trace.traceparent) headers[TraceHeaderNames.TraceParent] = trace.traceparent;
    if (trace.tracestate) headers[TraceHeaderNames.TraceState] = trace.tracestate;
    return { key: options.key, value: JSON.stringify(envelope.data), headers };
  }

  decode(record: WireRecord): DecodedEvent {
    const headers = record.headers ?? {};
    const problems: string[] = [];
    const required = (name: string): string => {
      const value = headerText(headers[name]);
      if (value === undefined || value.trim() === '') {
        problems.push(`header ${name} is missing`);
        return '';
      }
      if (value.length > MAX_ATTRIBUTE_LENGTH) problems.push(`header ${name} is longer than ${MAX_ATTRIBUTE_LENGTH} characters`);
      return value;
    };
    const optional = (name: string): string | undefined => {
      const value = headerText(headers[name]);
      if (value === undefined || value === '') return undefined;
      if (value.length > MAX_ATTRIBUTE_LENGTH) problems.push(`header ${name} is longer than ${MAX_ATTRIBUTE_LENGTH} characters`);
      return value;
    };

    const specversion = required(CloudEventHeaders.SpecVersion);
    if (specversion && specversion !== '1.0') problems.push(`header ${CloudEventHeaders.SpecVersion} must be "1.0", got "${specversion}"`);
    const id = required(CloudEventHeaders.Id);
    const type = required(CloudEventHeaders.Type);
    const source = required(CloudEventHeaders.Source);
    const time = required(CloudEventHeaders.Time);
    if (time && Number.isNaN(Date.parse(time))) problems.push(`header ${CloudEventHeaders.Time} is not a timestamp: "${time}"`);
    const schemaText = required(CloudEventHeaders.SchemaVersion);
    const schemaversion = Number(schemaText);
    if (schemaText && !(/^\d+$/.test(schemaText) && Number.isSafeInteger(schemaversion) && schemaversion >= 1)) {
      problems.push(`header ${CloudEventHeaders.SchemaVersion} must be a positive integer, got "${schemaText}"`);
    }
    const correlationid = required(CloudEventHeaders.CorrelationId);
    const causationid = optional(CloudEventHeaders.CausationId);
    const subject = optional(CloudEventHeaders.Subject);
    const contentType = required(CloudEventHeaders.ContentType);
    if (contentType && !JSON_CONTENT_TYPE.test(contentType)) {
      problems.push(`header ${CloudEventHeaders.ContentType} must be application/json, got "${contentType}"`);
    }

    const data = decodeJsonValue(record.value, problems);
    if (problems.length > 0) {
      throw new MessagingError(MessagingErrorCodes.MalformedRecord, `Malformed CloudEvents record: ${problems.join('; ')}`, {
        problems,
      });
    }

    const envelope: EventEnvelope = {
      specversion: '1.0',
      id,
      type,
      source,
      time,
      datacontenttype: 'application/json',
      schemaversion,
      correlationid,
      data,
    };
    if (subject !== undefined) envelope.subject = subject;
    if (causationid !== undefined) envelope.causationid = causationid;
    const trace = sanitizeTraceHeaders({
      traceparent: optional(TraceHeaderNames.TraceParent),
      tracestate: optional(TraceHeaderNames.TraceState),
    });
    return { envelope, key: headerText(record.key), trace };
  }
}

/** Text of a header as kafkajs (Buffer, array of Buffers) or Nest's parser (string, parsed JSON) hands it over. */
export function headerText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : headerText(value[value.length - 1]);
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function decodeJsonValue(value: unknown, problems: string[]): unknown {
  if (value === undefined || value === null) {
    problems.push('the record has no value (expected the JSON payload)');
    return undefined;
  }
  if (Buffer.isBuffer(value)) {
    if (value.length > 0 && value[0] === 0) {
      problems.push('the value is binary (schema-registry framing), expected JSON');
      return undefined;
    }
    return parseJson(value.toString('utf8'), problems);
  }
  if (typeof value === 'string') return parseJson(value, problems);
  // NestJS's KafkaParser (without keepBinary) has already JSON-parsed objects and arrays.
  if (typeof value === 'object') return value;
  problems.push(`the value is a ${typeof value}, expected JSON text`);
  return undefined;
}

function parseJson(text: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const excerpt = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    problems.push(`the value is not JSON (${(error as Error).message}): "${excerpt}"`);
    return undefined;
  }
}
