import { EventEnvelopeDto } from '../envelope/event-envelope.dto';
import type { EventEnvelope } from '../envelope/event-envelope';
import { findEventDefinition } from './event-catalog';
import type { EventDefinition, FieldError, ValidationResult } from './event-definition';
import { flattenValidationErrors, validatePayload } from './validate-payload';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

/** Validates the envelope attributes only (CloudEvents extension attributes are allowed). */
export async function validateEnvelope(plain: unknown): Promise<ValidationResult<EventEnvelope<Record<string, unknown>>>> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', message: 'envelope must be a JSON object' }] };
  }
  const dto = plainToInstance(EventEnvelopeDto, plain);
  const errors = await validate(dto, { forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors) };
  return { ok: true, value: plain as EventEnvelope<Record<string, unknown>> };
}

export interface ValidatedEvent<T extends object = object> {
  definition: EventDefinition<T>;
  envelope: EventEnvelope<T>;
}

/**
 * Validates a whole event: envelope attributes, a known `type`, a `schemaversion` this code
 * understands (not newer than the catalog's), `subject` equal to the payload's key, and the payload
 * against its class. Payload errors are reported under `data.`. On success `envelope.data` is the
 * validated payload instance (AWBs canonical).
 */
export async function validateEvent(plain: unknown): Promise<ValidationResult<ValidatedEvent>> {
  const envelope = await validateEnvelope(plain);
  if (!envelope.ok) return envelope;
  const raw = envelope.value;
  const definition = findEventDefinition(raw.type);
  if (!definition) return { ok: false, errors: [{ field: 'type', message: `type ${raw.type} is not in the event catalog` }] };
  if (raw.schemaversion > definition.schemaVersion) {
    return {
      ok: false,
      errors: [{ field: 'schemaversion', message: `schemaversion ${raw.schemaversion} of ${raw.type} is newer than this consumer understands (${definition.schemaVersion})` }],
    };
  }
  const payload = await validatePayload(definition, raw.data);
  if (!payload.ok) {
    return { ok: false, errors: payload.errors.map((e: FieldError) => ({ field: e.field === '' ? 'data' : `data.${e.field}`, message: e.message })) };
  }
  const key = definition.keyOf(payload.value);
  if (raw.subject !== undefined && raw.subject !== key) {
    return { ok: false, errors: [{ field: 'subject', message: `subject ${raw.subject} does not match the payload's key ${key}` }] };
  }
  return { ok: true, value: { definition, envelope: { ...raw, data: payload.value } } };
}
