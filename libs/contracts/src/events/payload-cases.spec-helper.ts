import { EventCatalog, type EventName } from '../catalog/event-catalog';
import type { FieldError } from '../catalog/event-definition';
import { exampleEventPayload } from '../catalog/event-examples';
import { validatePayload } from '../catalog/validate-payload';
import { payloadSchemaErrors } from '../asyncapi/payload-schema.spec-helper';

/** Untyped JSON: the tables below reach deep into examples (`p.dangerousGoods[0].class = '10'`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberate: test tables mutate arbitrary JSON
type Json = Record<string, any>;

/** A way to break a good example, the field that must then be reported, and what the message must say. */
export type BadCase = [description: string, mutate: (p: Json) => void, field: string, messageFragment: string | RegExp];
/** A variation of the good example that must still be accepted. */
export type GoodCase = [description: string, mutate: (p: Json) => void];

export async function errorsFor(name: EventName, mutate: (p: Json) => void = () => undefined): Promise<FieldError[]> {
  const plain = exampleEventPayload(name);
  mutate(plain);
  const result = await validatePayload(EventCatalog[name] as never, plain);
  return result.ok ? [] : result.errors;
}

/** Registers the good and bad cases of one event as table-driven tests. */
export function describePayload(name: EventName, good: GoodCase[], bad: BadCase[]): void {
  describe(`${name} payload`, () => {
    it('accepts the example', async () => {
      expect(await errorsFor(name)).toEqual([]);
    });

    if (good.length > 0) {
      it.each(good)('accepts %s', async (_description, mutate) => {
        expect(await errorsFor(name, mutate)).toEqual([]);
      });

      // The AsyncAPI payload schema may be less strict than the validator, never stricter.
      it.each(good)('the AsyncAPI payload schema accepts %s too', (_description, mutate) => {
        const plain = exampleEventPayload(name);
        mutate(plain);
        expect(payloadSchemaErrors(name, plain)).toEqual([]);
      });
    }

    it.each(bad)('rejects %s', async (_description, mutate, field, fragment) => {
      const errors = await errorsFor(name, mutate);
      const onField = errors.filter((e) => e.field === field);
      if (onField.length === 0) throw new Error(`expected an error on "${field}", got ${JSON.stringify(errors)}`);
      const messages = onField.map((e) => e.message);
      expect(messages.some((m) => (typeof fragment === 'string' ? m.includes(fragment) : fragment.test(m)))).toBe(true);
      // Only the broken field is reported: a good message points at one thing to fix.
      expect(errors.every((e) => e.field === field || e.field.startsWith(`${field}.`))).toBe(true);
    });
  });
}
