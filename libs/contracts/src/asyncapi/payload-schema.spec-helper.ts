import Ajv, { type ValidateFunction } from 'ajv';
import type { EventName } from '../catalog/event-catalog';
import { buildAsyncApiDocument } from './asyncapi.generator';

interface DocSchemas {
  components: { messages: Record<string, { payload: { $ref: string } }>; schemas: Record<string, object> };
}

let doc: DocSchemas | undefined;
const cache = new Map<EventName, ValidateFunction>();

/**
 * Ajv (strict mode) validator of the generated payload JSON Schema of `name`: the message's `$ref`
 * resolved against the document's `components.schemas`.
 */
export function payloadSchemaValidator(name: EventName): ValidateFunction {
  const hit = cache.get(name);
  if (hit) return hit;
  doc ??= buildAsyncApiDocument() as DocSchemas;
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addKeyword('components'); // the container of the referenced schemas, not a constraint
  ajv.addSchema({ $id: 'asyncapi', components: { schemas: doc.components.schemas } }, undefined, undefined, false);
  const validate = ajv.compile({ $ref: `asyncapi${doc.components.messages[name].payload.$ref}` });
  cache.set(name, validate);
  return validate;
}

/** The JSON Schema errors of `plain` as `payloadSchemaValidator(name)` reports them; `[]` when valid. */
export function payloadSchemaErrors(name: EventName, plain: unknown): unknown[] {
  const validate = payloadSchemaValidator(name);
  return validate(plain) ? [] : [...(validate.errors ?? [])];
}
