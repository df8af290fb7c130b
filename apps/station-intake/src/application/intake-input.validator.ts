import { CargoReceivedEvent, validatePayload, type CargoReceivedPayload, type FieldError } from '@cargo/contracts';
import { checkIntakeRules, type IntakeLimits } from '../domain/intake.rules';
import { intakeRuleContext } from './intake-rule-context.factory';

type IntakeInputResult = { ok: true; payload: CargoReceivedPayload } | { ok: false; errors: FieldError[] };

/**
 * Turns what a terminal posted for one shipment into the `CargoReceived` payload, or the list of
 * everything wrong with it. Two layers, both reported as field errors:
 * 1. shape: the contract class itself (unknown fields rejected, nested objects checked), with
 *    `stationCode` taken from the path and `recordedAt` defaulting to the time of the request;
 * 2. rules: {@link checkIntakeRules} (known destination and its service level, plausibility limits,
 *    DG lines, timestamps), only once the shape is right.
 *
 * Timestamps are normalised to UTC ISO 8601, so the same instant written with another offset is
 * the same content when a terminal re-posts.
 */
export async function validateIntakeInput(raw: unknown, stationCode: string, limits: IntakeLimits, now: Date): Promise<IntakeInputResult> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', message: 'an intake must be a JSON object' }] };
  }
  const input = { ...(raw as Record<string, unknown>) };
  if (input['stationCode'] !== undefined && input['stationCode'] !== stationCode) {
    return { ok: false, errors: [{ field: 'stationCode', message: `stationCode ${String(input['stationCode'])} does not match the station in the path (${stationCode}); leave it out` }] };
  }
  input['stationCode'] = stationCode;
  input['recordedAt'] ??= now.toISOString();
  input['specialHandlingCodes'] ??= [];
  input['dangerousGoods'] ??= [];
  input['ecommerce'] ??= false;
  const shaped = await validatePayload(CargoReceivedEvent, input);
  if (!shaped.ok) return shaped;
  const payload = shaped.value;
  const ruleErrors = checkIntakeRules(payload, intakeRuleContext(limits, now));
  if (ruleErrors.length > 0) return { ok: false, errors: ruleErrors };
  payload.receivedAt = new Date(payload.receivedAt).toISOString();
  payload.recordedAt = new Date(payload.recordedAt).toISOString();
  return { ok: true, payload };
}
