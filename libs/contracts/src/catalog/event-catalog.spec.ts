import { createEnvelope } from '../envelope/event-envelope';
import { ALL_TOPICS, Topics } from '../topics/topics.constants';
import { ALL_EVENT_DEFINITIONS, EventCatalog, eventsOnTopic, findEventDefinition, type EventName } from './event-catalog';
import { EVENT_TYPE_PREFIX } from './event-definition';
import { exampleEventPayload } from './event-examples';
import { validateEvent } from './validate-event';
import { validatePayload } from './validate-payload';

const names = Object.keys(EventCatalog) as EventName[];

describe('EventCatalog', () => {
  it('gives every event a unique reverse-DNS type and a positive schema version', () => {
    const types = ALL_EVENT_DEFINITIONS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const def of ALL_EVENT_DEFINITIONS) {
      expect(def.type.startsWith(EVENT_TYPE_PREFIX)).toBe(true);
      expect(def.schemaVersion).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers every topic, and puts both assignment outcomes on flight.assignment.v1', () => {
    for (const topic of ALL_TOPICS) expect(eventsOnTopic(topic).length).toBeGreaterThan(0);
    expect(eventsOnTopic(Topics.FlightAssignment)).toEqual([EventCatalog.FlightAssigned, EventCatalog.AssignmentFailed]);
    expect(eventsOnTopic(Topics.CargoIntake)).toEqual([EventCatalog.CargoReceived, EventCatalog.CargoCorrected, EventCatalog.CargoCancelled]);
  });

  it('finds definitions by type', () => {
    expect(findEventDefinition('cn.wuhan.aircargo.cargo.received')).toBe(EventCatalog.CargoReceived);
    expect(findEventDefinition('cn.wuhan.aircargo.cargo.lost')).toBeUndefined();
  });

  it.each(names)('%s: example validates and is keyed by AWB, or flight id for manifests', async (name) => {
    const def = EventCatalog[name];
    const result = await validatePayload(def as never, exampleEventPayload(name));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const key = (def.keyOf as (p: object) => string)(result.value);
    expect(key).toBe(name === 'FlightManifestClosed' ? 'O36921-2026-11-25' : '784-12345675');
  });
});

describe('validatePayload', () => {
  it.each([
    [null, 'must be a JSON object, got null'],
    [[], 'must be a JSON object, got an array'],
    ['{"awb":"784-12345675"}', 'must be a JSON object, got string'],
  ])('rejects the non-object %p', async (plain, message) => {
    expect(await validatePayload(EventCatalog.CargoReceived, plain)).toEqual({ ok: false, errors: [{ field: '', message }] });
  });

  it('returns an instance of the payload class', async () => {
    const result = await validatePayload(EventCatalog.CustomsHoldPlaced, exampleEventPayload('CustomsHoldPlaced'));
    expect(result.ok && result.value).toBeInstanceOf(EventCatalog.CustomsHoldPlaced.payload);
  });
});

describe('validateEvent', () => {
  const source = '/services/station-intake';

  it('accepts an envelope made by createEnvelope, with extension attributes', async () => {
    const envelope = createEnvelope(EventCatalog.CargoReceived, exampleEventPayload('CargoReceived') as never, { source });
    const result = await validateEvent(JSON.parse(JSON.stringify({ ...envelope, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.definition).toBe(EventCatalog.CargoReceived);
      expect(result.value.envelope.data).toBeInstanceOf(EventCatalog.CargoReceived.payload);
    }
  });

  const make = (overrides: Record<string, unknown>, name: EventName = 'CargoReceived') => ({
    ...createEnvelope(EventCatalog[name] as never, exampleEventPayload(name) as never, { source }),
    ...overrides,
  });

  it.each([
    ['a wrong spec version', { specversion: '0.3' }, 'specversion', 'CloudEvents 1.0'],
    ['a non-UUID id', { id: '42' }, 'id', 'UUID'],
    ['an empty source', { source: '' }, 'source', 'producing service'],
    ['a time without offset', { time: '2026-11-25T08:00:00' }, 'time', 'RFC 3339'],
    ['a zero schema version', { schemaversion: 0 }, 'schemaversion', '1 or more'],
    ['a missing correlation id', { correlationid: '' }, 'correlationid', 'first event of the chain'],
    ['an XML content type', { datacontenttype: 'application/xml' }, 'datacontenttype', 'application/json'],
    ['data that is not an object', { data: 'x' }, 'data', 'JSON object'],
    ['an unknown type', { type: 'cn.wuhan.aircargo.cargo.lost' }, 'type', 'not in the event catalog'],
    ['a newer schema version than known', { schemaversion: 3 }, 'schemaversion', 'newer than this consumer understands (2)'],
    ['a subject that is not the key', { subject: '112-76543213' }, 'subject', "does not match the payload's key 784-12345675"],
  ])('rejects %s', async (_d, overrides, field, fragment) => {
    const result = await validateEvent(make(overrides));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.filter((e) => e.field === field).map((e) => e.message).join(' | ')).toContain(fragment);
  });

  it('reports payload errors under data.', async () => {
    const env = make({});
    (env.data as Record<string, unknown>)['pieces'] = 0;
    const result = await validateEvent(env);
    expect(result).toEqual({ ok: false, errors: [{ field: 'data.pieces', message: 'pieces must be at least 1' }] });
  });
});
