import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, IS_OPTIONAL, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';

/** A JSON Schema (draft-07, the base of the AsyncAPI Schema Object) as plain JSON. */
export type JsonSchema = Record<string, unknown>;

/** Where the payload schemas live in the AsyncAPI document; `$ref`s point here. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * Converters for constraints class-validator-jsonschema does not know. Anything else that is
 * custom (cross-field rules such as `IsNotBelowField`, `IsTimeAfter`, `Satisfies`, the AWB check
 * digit) is left out on purpose: the schema may be less strict than the validator, never stricter.
 */
const CONVERTERS: ISchemaConverters = {
  // Unknown custom constraint: say nothing (the library's default guesses from design:type).
  [ValidationTypes.CUSTOM_VALIDATION]: {},
  // `Awb.isValid` accepts only strings; the check digit is not expressible here.
  isAwb: { type: 'string', description: 'Air waybill number, `PPP-SSSSSSSC` or `PPPSSSSSSSC` (check digit = serial mod 7)' },
  isRFC3339: { type: 'string', description: 'RFC 3339 timestamp with offset, e.g. 2026-11-25T08:30:00+08:00' },
  isISO4217CurrencyCode: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' },
  // An event id, as in the envelope's `ce_id`; a pattern rather than `format: uuid`, which not every validator knows.
  isUuid: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'Event id (UUID)' },
};

type Ctor = new () => object;

/**
 * JSON Schemas of `roots` and of every class nested in them (via `@ValidateNested` + `@Type`), keyed
 * by class name, derived from their class-validator metadata with class-validator-jsonschema.
 *
 * Adjustments so a schema is never stricter than `validateAgainstClass` (whitelist +
 * forbidNonWhitelisted): objects get `additionalProperties: false`; an `@IsOptional()` property
 * also accepts `null` (class-validator skips null there). Throws when two nested classes share a name.
 */
export function buildPayloadSchemas(roots: readonly Ctor[]): Record<string, JsonSchema> {
  const classes = reachableClasses(roots);
  const out: Record<string, JsonSchema> = {};
  for (const cls of [...classes].sort((a, b) => a.name.localeCompare(b.name))) {
    if (out[cls.name]) throw new Error(`buildPayloadSchemas: two payload classes are named ${cls.name}`);
    const schema = targetConstructorToSchema(cls, {
      classTransformerMetadataStorage: defaultMetadataStorage,
      refPointerPrefix: SCHEMA_REF_PREFIX,
      additionalConverters: CONVERTERS,
    }) as JsonSchema;
    out[cls.name] = finish(cls, schema);
  }
  return out;
}

function finish(cls: Ctor, schema: JsonSchema): JsonSchema {
  const properties = { ...((schema.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  for (const name of optionalProperties(cls)) {
    if (properties[name]) properties[name] = { anyOf: [properties[name], { type: 'null' }] };
  }
  const description = schema.description;
  return {
    ...(description === undefined ? {} : { description }),
    type: 'object',
    properties,
    ...(Array.isArray(schema.required) && schema.required.length > 0 ? { required: schema.required } : {}),
    additionalProperties: false,
  };
}

function metadatasOf(cls: Ctor) {
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
}

function optionalProperties(cls: Ctor): string[] {
  const names = metadatasOf(cls)
    .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name === IS_OPTIONAL)
    .map((m) => m.propertyName);
  return [...new Set(names)];
}

function reachableClasses(roots: readonly Ctor[]): Set<Ctor> {
  const seen = new Set<Ctor>();
  const visit = (cls: Ctor): void => {
    if (seen.has(cls)) return;
    seen.add(cls);
    for (const m of metadatasOf(cls)) {
      if (m.type !== ValidationTypes.NESTED_VALIDATION) continue;
      const typeMeta = defaultMetadataStorage.findTypeMetadata(cls, m.propertyName);
      const child = typeMeta?.typeFunction() as Ctor | undefined;
      if (!child) throw new Error(`buildPayloadSchemas: ${cls.name}.${m.propertyName} is @ValidateNested without @Type`);
      visit(child);
    }
  };
  roots.forEach(visit);
  return seen;
}
