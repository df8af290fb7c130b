import { EventCatalog, type EventName } from '../catalog/event-catalog';
import type { EventDefinition } from '../catalog/event-definition';
import { exampleEventPayload } from '../catalog/event-examples';
import { CLOUDEVENTS_SPEC_VERSION, JSON_CONTENT_TYPE } from '../envelope/event-envelope';
import { ALL_TOPICS, deadLetterTopic, Topics, type Topic, type TopicName } from '../topics/topics.constants';
import { buildPayloadSchemas, SCHEMA_REF_PREFIX, type JsonSchema } from './payload-schema.builder';

/** Version of the AsyncAPI document itself; bump it when the document changes shape, not per event. */
export const ASYNCAPI_DOCUMENT_VERSION = '1.0.0';

/** Who writes and who reads each topic (mirrors the README's "Topics" table). */
const TOPIC_PARTIES: Record<Topic, { producers: string[]; consumers: string[]; key: 'AWB' | 'flight id' }> = {
  [Topics.CargoIntake]: { producers: ['station-intake'], consumers: ['customs-hold', 'flight-assignment', 'tracking'], key: 'AWB' },
  [Topics.CargoHandling]: { producers: ['station-intake', 'flight-assignment'], consumers: ['customs-hold (DEP)', 'tracking'], key: 'AWB' },
  [Topics.CustomsHold]: { producers: ['customs-hold'], consumers: ['flight-assignment (offload)', 'tracking', 'customs systems'], key: 'AWB' },
  [Topics.CustomsRelease]: { producers: ['customs-hold'], consumers: ['flight-assignment', 'tracking', 'customs systems'], key: 'AWB' },
  [Topics.FlightAssignment]: { producers: ['flight-assignment'], consumers: ['station-intake (dispatch)', 'customs-hold (bookings)', 'tracking', 'airlines'], key: 'AWB' },
  [Topics.FlightManifest]: { producers: ['flight-assignment'], consumers: ['customs-hold (manifest reference)', 'tracking', 'airlines'], key: 'flight id' },
  [Topics.CargoStatus]: { producers: ['tracking'], consumers: ['airlines', 'forwarders', 'shippers'], key: 'AWB' },
};

/**
 * The ordering rule of decisions (see `isNewerDecision` in decision-order.rules.ts), stated on the
 * channels whose events are decisions: Kafka orders only within a partition of one topic.
 */
const CUSTOMS_ORDERING =
  'Ordering: holds (customs.hold.v1) and releases (customs.release.v1) of one case travel on two topics with no order between them. Every hold and release carries decisionVersion, the case version at the decision (one increasing sequence for both topics), and supersedes, the event id of the decision it replaces. A consumer keeps the last customs decisionVersion it applied per AWB and applies a hold or a release only if its decisionVersion is greater; an older one is acknowledged without effect. An event without decisionVersion (written before it existed) counts as 0; between two such events arrival order decides.';
const ASSIGNMENT_ORDERING =
  'Ordering: FlightAssigned and AssignmentFailed carry decisionVersion, the AWB\'s assignment decision sequence (increasing in commit order), and supersedes, the event id of the decision it replaces. A consumer keeps the last assignment decisionVersion it applied per AWB and applies a decision only if its decisionVersion is greater (never by decidedAt); an older one is acknowledged without effect. An event without decisionVersion counts as 0; between two such events arrival order decides.';
const INTAKE_ORDERING =
  'Ordering: a station may correct (CargoCorrected) or cancel (CargoCancelled) an intake; each change carries intakeVersion (CargoReceived is version 1) and supersedes, the event id of the intake event it replaces. Keyed by the AWB on this one topic they arrive in order; a consumer that reads them any other way applies a change only if its intakeVersion is greater than the last one it applied. CargoCancelled is the last intake event of an AWB.';
const ORDERING: Partial<Record<Topic, string>> = {
  [Topics.CargoIntake]: INTAKE_ORDERING,
  [Topics.CustomsHold]: CUSTOMS_ORDERING,
  [Topics.CustomsRelease]: CUSTOMS_ORDERING,
  [Topics.FlightAssignment]: ASSIGNMENT_ORDERING,
};

const AWB_KEY_SCHEMA: JsonSchema = { type: 'string', pattern: '^\\d{3}-\\d{8}$', description: 'Canonical AWB `PPP-SSSSSSSC`' };
const FLIGHT_ID_KEY_SCHEMA: JsonSchema = { type: 'string', description: 'Flight id: flight number and local departure date, e.g. O36921-2026-11-25' };

/** Dead-letter headers added by `@cargo/messaging` (the original headers are kept as well). */
const DEAD_LETTER_HEADERS: JsonSchema = {
  type: 'object',
  required: ['dlq_error_code', 'dlq_error_message', 'dlq_original_topic', 'dlq_original_partition', 'dlq_original_offset'],
  properties: {
    dlq_error_code: { type: 'string', description: 'Stable error code, e.g. MESSAGING.INVALID_PAYLOAD' },
    dlq_error_message: { type: 'string', description: 'Why the record was dead-lettered' },
    dlq_error_fields: { type: 'string', description: 'JSON array of { field, message } for validation failures' },
    dlq_original_topic: { type: 'string' },
    dlq_original_partition: { type: 'string', description: 'Partition number, as text' },
    dlq_original_offset: { type: 'string', description: 'Offset, as text' },
    dlq_failed_at: { type: 'string', description: 'RFC 3339 time the consumer gave up' },
    dlq_consumer: { type: 'string', description: 'The consumer (service) that gave up on the record' },
  },
};

/**
 * Builds the AsyncAPI 3.0 document of the platform's Kafka topics from the contracts: one channel
 * per topic of `ALL_TOPICS` plus its dead-letter channel, one message per event of the catalog
 * (CloudEvents binary-mode headers, payload JSON Schema from the class-validator metadata, Kafka
 * key, example), and send/receive operations naming the producing and consuming services.
 *
 * Deterministic (no clock, no randomness): the committed `libs/contracts/asyncapi.json` must equal
 * its output; regenerate it with `npx nx run contracts:asyncapi`.
 */
export function buildAsyncApiDocument(): object {
  const entries = Object.entries(EventCatalog) as [EventName, EventDefinition][];
  const schemas = buildPayloadSchemas(entries.map(([, def]) => def.payload));

  const messages: Record<string, unknown> = {};
  for (const [name, def] of entries) messages[name] = eventMessage(name, def);
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A record a consumer could not apply: original key, value and headers, plus dlq_* headers.',
    headers: DEAD_LETTER_HEADERS,
    payload: { description: 'The original record value, unchanged (possibly not valid JSON).' },
  };

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of ALL_TOPICS) {
    const id = channelId(topic);
    const dlqId = `${id}DeadLetter`;
    const parties = TOPIC_PARTIES[topic];
    const names = entries.filter(([, def]) => def.topic === topic).map(([name]) => name);
    channels[id] = {
      address: topic,
      title: topic,
      description: `Key: ${parties.key}. Event types: ${names.join(', ')}. Produced by ${parties.producers.join(', ')}; consumed by ${parties.consumers.join(', ')}.${ORDERING[topic] ? ` ${ORDERING[topic]}` : ''}`,
      messages: Object.fromEntries(names.map((n) => [n, { $ref: `#/components/messages/${n}` }])),
      bindings: { kafka: { topic, bindingVersion: '0.5.0' } },
    };
    channels[dlqId] = {
      address: deadLetterTopic(topic),
      title: deadLetterTopic(topic),
      description: `Dead letters of ${topic}: records its consumers could not apply.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
      bindings: { kafka: { topic: deadLetterTopic(topic), bindingVersion: '0.5.0' } },
    };
    const refs = names.map((n) => ({ $ref: `#/channels/${id}/messages/${n}` }));
    operations[`send${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `Publish to ${topic}`,
      description: `Produced by: ${parties.producers.join(', ')} (transactional outbox relay, idempotent producer, acks=all).`,
      messages: refs,
    };
    operations[`receive${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `Consume ${topic}`,
      description: `Consumed by: ${parties.consumers.join(', ')} (one consumer group per service; dispatch on ce_type).`,
      messages: refs,
    };
    operations[`send${dlqId}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${dlqId}` },
      summary: `Dead-letter records of ${topic}`,
      description: `Written by the consumers of ${topic} (${parties.consumers.join(', ')}) for invalid records or handlers that keep failing.`,
      messages: [{ $ref: `#/channels/${dlqId}/messages/DeadLetter` }],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Wuhan air-cargo hub events',
      version: ASYNCAPI_DOCUMENT_VERSION,
      description:
        'Kafka topics of the Wuhan two-airport air-cargo hub (Tianhe WUH + Ezhou Huahu EHU). Events travel as CloudEvents 1.0 in Kafka binary mode. Generated from @cargo/contracts: do not edit by hand, run `npx nx run contracts:asyncapi`.\n\nDecisions are applied in order whatever the topic order: customs decisions (CustomsHoldPlaced, CustomsReleased) and assignment decisions (FlightAssigned, AssignmentFailed) carry decisionVersion (increasing per AWB within their sequence) and supersedes (the event id of the decision replaced). Every consumer applies a decision only if its decisionVersion is greater than that of the last decision of the same sequence it applied for the AWB; a missing decisionVersion (events from before it existed) counts as 0, and between two such events arrival order decides.',
    },
    defaultContentType: JSON_CONTENT_TYPE,
    servers: {
      kafka: {
        host: '{host}',
        protocol: 'kafka',
        description: 'Kafka bootstrap server (KAFKA_BROKERS).',
        variables: { host: { default: 'localhost:9092', description: 'host:port of a bootstrap broker' } },
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}

function channelId(topic: Topic): TopicName {
  const entry = (Object.entries(Topics) as [TopicName, Topic][]).find(([, t]) => t === topic);
  if (!entry) throw new Error(`buildAsyncApiDocument: unknown topic ${topic}`);
  return entry[0];
}

function eventMessage(name: EventName, def: EventDefinition): object {
  const parties = TOPIC_PARTIES[def.topic];
  const example = exampleEventPayload(name);
  const key = def.keyOf(example as never);
  return {
    name,
    title: name,
    summary: `${def.type} on ${def.topic}, schema version ${def.schemaVersion}.`,
    ...(ORDERING[def.topic] ? { description: ORDERING[def.topic] } : {}),
    contentType: JSON_CONTENT_TYPE,
    headers: cloudEventHeaders(def),
    payload: { $ref: `${SCHEMA_REF_PREFIX}${def.payload.name}` },
    bindings: {
      kafka: {
        key: parties.key === 'AWB' ? AWB_KEY_SCHEMA : FLIGHT_ID_KEY_SCHEMA,
        bindingVersion: '0.5.0',
      },
    },
    examples: [
      {
        name: `${name}Example`,
        summary: `Kafka key ${key}`,
        headers: {
          ce_id: '0b9f3c1e-7a52-4c8e-9d41-2f6a1e5b8c70',
          ce_type: def.type,
          ce_source: `/services/${parties.producers[0]}`,
          ce_time: '2026-11-25T09:14:31+08:00',
          ce_specversion: CLOUDEVENTS_SPEC_VERSION,
          ce_subject: key,
          ce_schemaversion: String(def.schemaVersion),
          ce_correlationid: '0b9f3c1e-7a52-4c8e-9d41-2f6a1e5b8c70',
          'content-type': JSON_CONTENT_TYPE,
        },
        payload: example,
      },
    ],
  };
}

function cloudEventHeaders(def: EventDefinition): JsonSchema {
  return {
    type: 'object',
    required: ['ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_specversion', 'ce_schemaversion', 'ce_correlationid', 'content-type'],
    properties: {
      ce_id: { type: 'string', description: 'Unique event id (UUID); consumers deduplicate on it' },
      ce_type: { type: 'string', const: def.type },
      ce_source: { type: 'string', description: 'Producing service, e.g. /services/station-intake' },
      ce_time: { type: 'string', description: 'RFC 3339 time the event was recorded' },
      ce_specversion: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
      ce_subject: { type: 'string', description: 'Equals the Kafka key' },
      ce_schemaversion: { type: 'string', const: String(def.schemaVersion), description: 'Payload schema version' },
      ce_correlationid: { type: 'string', description: 'Id of the first event of the causal chain' },
      ce_causationid: { type: 'string', description: 'Id of the event that caused this one; absent on the first' },
      'content-type': { type: 'string', const: JSON_CONTENT_TYPE },
      traceparent: { type: 'string', description: 'W3C Trace Context' },
      tracestate: { type: 'string', description: 'W3C Trace Context' },
    },
  };
}
