import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { EventCatalog, type EventName } from '../catalog/event-catalog';
import { exampleEventPayload } from '../catalog/event-examples';
import { validatePayload } from '../catalog/validate-payload';
import { ALL_TOPICS, deadLetterTopic } from '../topics/topics.constants';
import { buildAsyncApiDocument } from './asyncapi.generator';
import { payloadSchemaErrors, payloadSchemaValidator } from './payload-schema.spec-helper';

interface Doc {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  operations: Record<string, { action: string }>;
  components: {
    messages: Record<string, { headers: { properties: Record<string, { const?: string }> } }>;
  };
}

const COMMITTED = join(__dirname, '..', '..', 'asyncapi.json');
const NAMES = Object.keys(EventCatalog) as EventName[];

const doc = buildAsyncApiDocument() as Doc;

describe('buildAsyncApiDocument', () => {
  it('equals the committed libs/contracts/asyncapi.json', () => {
    const committed: unknown = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    const fresh: unknown = JSON.parse(JSON.stringify(doc));
    if (!isDeepStrictEqual(committed, fresh)) {
      throw new Error('libs/contracts/asyncapi.json is out of date with the contracts: run `npx nx run contracts:asyncapi` and commit the result');
    }
    expect(committed).toStrictEqual(fresh);
  });

  it('is AsyncAPI 3.0.0 with a channel per topic and per dead-letter topic, and a message per event type', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    const addresses = Object.values(doc.channels).map((c) => c.address);
    for (const topic of ALL_TOPICS) {
      expect(addresses).toContain(topic);
      expect(addresses).toContain(deadLetterTopic(topic));
    }
    for (const name of NAMES) {
      const def = EventCatalog[name];
      expect(doc.components.messages[name].headers.properties.ce_type.const).toBe(def.type);
      const channel = Object.values(doc.channels).find((c) => c.address === def.topic);
      expect(channel?.messages[name]).toBeDefined();
    }
    const actions = Object.values(doc.operations).map((o) => o.action);
    expect(actions).toEqual(expect.arrayContaining(['send', 'receive']));
  });

  it.each(NAMES)('%s: the example payload is valid for class-validator and for its JSON Schema', async (name) => {
    const example = exampleEventPayload(name);
    expect((await validatePayload(EventCatalog[name] as never, example)).ok).toBe(true);
    expect(payloadSchemaErrors(name, example)).toEqual([]);
  });

  it('rejects a CargoReceived payload without awb', () => {
    const { awb: _awb, ...withoutAwb } = exampleEventPayload('CargoReceived');
    expect(payloadSchemaValidator('CargoReceived')(withoutAwb)).toBe(false);
  });

  it('rejects an unknown field, as forbidNonWhitelisted does', () => {
    expect(payloadSchemaValidator('CargoReceived')({ ...exampleEventPayload('CargoReceived'), colour: 'red' })).toBe(false);
  });
});
