import {
  Awb,
  DG_CLASSES,
  PACKING_INSTRUCTION_PATTERN,
  UN_NUMBER_PATTERN,
  isHomeHub,
  serviceLevelForRegion,
  type AirportRegion,
  type FieldError,
} from '@cargo/contracts';

/** Plausibility limits from config (see StationIntakeConfig). */
export interface IntakeLimits {
  maxPieces: number;
  maxWeightKg: number;
  maxVolumeM3: number;
  maxDensityKgPerM3: number;
  /** How far in the future a timestamp may lie (terminal clock skew). */
  clockSkewToleranceMs: number;
}

/** What the rules need to know about the world: the airport reference data and the clock. */
export interface IntakeRuleContext {
  limits: IntakeLimits;
  now: Date;
  /** Region of a known airport, undefined for an unknown code (seeds are the reference). */
  airportRegion(code: string): AirportRegion | undefined;
}

/** The part of a dangerous-goods line the rules read. */
interface DgLineDraft {
  unNumber: unknown;
  class: unknown;
  packingInstruction: unknown;
}

/** An intake as submitted, already of the right JSON shape (types may still be wrong: rules are defensive). */
export interface IntakeDraft {
  awb: unknown;
  pieces: unknown;
  grossWeightKg: unknown;
  volumeM3: unknown;
  destinationAirport: unknown;
  serviceLevel: unknown;
  dangerousGoods?: readonly DgLineDraft[];
  temperatureRange?: { minC: unknown; maxC: unknown };
  houseWaybills?: ReadonlyArray<{ grossWeightKg: unknown }>;
  receivedAt: unknown;
  recordedAt?: unknown;
}

/** House waybill weights may differ from the master's gross weight by this share, or by {@link HOUSE_WEIGHT_TOLERANCE_KG} if more. */
export const HOUSE_WEIGHT_TOLERANCE_SHARE = 0.02;
export const HOUSE_WEIGHT_TOLERANCE_KG = 1;

/**
 * Packing instructions a lithium-battery UN number may travel under (IATA DGR section II/IB aside):
 * UN3480 alone PI965; UN3481 packed with / contained in equipment PI966/PI967; UN3090 alone PI968;
 * UN3091 with / in equipment PI969/PI970. Lithium batteries are always class 9.
 */
const LITHIUM_PACKING_INSTRUCTIONS: Readonly<Record<string, readonly string[]>> = {
  UN3480: ['PI965'],
  UN3481: ['PI966', 'PI967'],
  UN3090: ['PI968'],
  UN3091: ['PI969', 'PI970'],
};

/** UN numbers in use run from UN0004 to UN3550 (UN Model Regulations); UN0000–UN0003 do not exist. */
const UN_NUMBER_RANGE = { min: 4, max: 3550 } as const;

/**
 * The business rules of a station intake, beyond the JSON shape. Pure: no I/O, the clock and the
 * airport reference data come in through `ctx`.
 *
 * Invariants checked (every violation is reported, each under its field path):
 * - `awb` parses as an AWB with a correct check digit (serial mod 7).
 * - `pieces` is a whole number ≥ 1 and ≤ the limit; weight and volume are > 0 and ≤ their limits,
 *   and weight / volume does not exceed the densest plausible cargo.
 * - `destinationAirport` is a known airport, not a Wuhan hub, and `serviceLevel` is the one the
 *   1-2-3 promise gives its region (D1 domestic, D2 Asia, D3 global).
 * - every DG line has a UN number in use, a known class and a packing instruction; lithium-battery
 *   lines are class 9 under a matching packing instruction.
 * - temperature range: `minC` ≤ `maxC`.
 * - house waybills (a consolidation) weigh what the master weighs, within a small tolerance.
 * - `receivedAt` / `recordedAt` are not in the future beyond the tolerance, and a receipt is not
 *   recorded before it happened (beyond the same tolerance).
 */
export function checkIntakeRules(draft: IntakeDraft, ctx: IntakeRuleContext): FieldError[] {
  return [
    ...checkAwb(draft.awb),
    ...checkQuantities(draft, ctx.limits),
    ...checkDestination(draft.destinationAirport, draft.serviceLevel, ctx),
    ...(draft.dangerousGoods ?? []).flatMap((line, i) => checkDgLine(line, `dangerousGoods.${i}`)),
    ...checkTemperature(draft.temperatureRange),
    ...checkHouseWaybillWeights(draft),
    ...checkTimestamps(draft, ctx),
  ];
}

/**
 * A consolidation's house waybills weigh what the master weighs: their gross weights add up to the
 * master's within {@link HOUSE_WEIGHT_TOLERANCE_SHARE} (or {@link HOUSE_WEIGHT_TOLERANCE_KG}, if more),
 * the difference scales and rounding make. (That their pieces add up is a contract invariant.)
 */
function checkHouseWaybillWeights(draft: Pick<IntakeDraft, 'houseWaybills' | 'grossWeightKg'>): FieldError[] {
  const houses = draft.houseWaybills;
  if (!houses || houses.length === 0 || !isPositiveNumber(draft.grossWeightKg)) return [];
  if (!houses.every((h) => isPositiveNumber(h.grossWeightKg))) return [];
  const sum = Math.round(houses.reduce((n, h) => n + (h.grossWeightKg as number), 0) * 1000) / 1000;
  const tolerance = Math.max(HOUSE_WEIGHT_TOLERANCE_KG, draft.grossWeightKg * HOUSE_WEIGHT_TOLERANCE_SHARE);
  if (Math.abs(sum - draft.grossWeightKg) <= tolerance) return [];
  return [
    {
      field: 'houseWaybills',
      message: `the house waybills weigh ${sum} kg in all, the shipment ${draft.grossWeightKg} kg (they may differ by ${Math.round(tolerance * 10) / 10} kg at most)`,
    },
  ];
}

function checkAwb(awb: unknown, field = 'awb'): FieldError[] {
  const parsed = Awb.tryParse(awb);
  return parsed.ok ? [] : [{ field, message: parsed.error.message }];
}

function checkQuantities(draft: Pick<IntakeDraft, 'pieces' | 'grossWeightKg' | 'volumeM3'>, limits: IntakeLimits): FieldError[] {
  const errors: FieldError[] = [];
  const { pieces, grossWeightKg: weight, volumeM3: volume } = draft;
  if (typeof pieces !== 'number' || !Number.isInteger(pieces) || pieces < 1) {
    errors.push({ field: 'pieces', message: 'pieces must be a whole number of at least 1' });
  } else if (pieces > limits.maxPieces) {
    errors.push({ field: 'pieces', message: `pieces must be at most ${limits.maxPieces}` });
  }
  const weightOk = isPositiveNumber(weight);
  if (!weightOk) errors.push({ field: 'grossWeightKg', message: 'grossWeightKg must be greater than 0 kg' });
  else if (weight > limits.maxWeightKg) errors.push({ field: 'grossWeightKg', message: `grossWeightKg must be at most ${limits.maxWeightKg} kg` });
  const volumeOk = isPositiveNumber(volume);
  if (!volumeOk) errors.push({ field: 'volumeM3', message: 'volumeM3 must be greater than 0 m³' });
  else if (volume > limits.maxVolumeM3) errors.push({ field: 'volumeM3', message: `volumeM3 must be at most ${limits.maxVolumeM3} m³` });
  if (weightOk && volumeOk) {
    const density = weight / volume;
    if (density > limits.maxDensityKgPerM3) {
      errors.push({
        field: 'grossWeightKg',
        message: `${weight} kg in ${volume} m³ is ${Math.round(density)} kg/m³, denser than any plausible cargo (max ${limits.maxDensityKgPerM3}); check weight and volume`,
      });
    }
  }
  return errors;
}

function checkDestination(destination: unknown, serviceLevel: unknown, ctx: Pick<IntakeRuleContext, 'airportRegion'>): FieldError[] {
  if (typeof destination !== 'string') return [{ field: 'destinationAirport', message: 'destinationAirport must be an IATA airport code' }];
  if (isHomeHub(destination)) return [{ field: 'destinationAirport', message: 'destinationAirport must be the destination, not a Wuhan hub (WUH/EHU)' }];
  const region = ctx.airportRegion(destination);
  if (!region) return [{ field: 'destinationAirport', message: `destinationAirport ${destination} is not an airport of the network` }];
  const expected = serviceLevelForRegion(region);
  if (serviceLevel !== expected) {
    return [
      {
        field: 'serviceLevel',
        message: `serviceLevel must be ${expected} for ${destination} (${region.toLowerCase()} destination), got ${String(serviceLevel)}`,
      },
    ];
  }
  return [];
}

export function checkDgLine(line: DgLineDraft, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const un = line.unNumber;
  const unOk = typeof un === 'string' && UN_NUMBER_PATTERN.test(un);
  if (!unOk) errors.push({ field: `${path}.unNumber`, message: 'unNumber must be "UN" followed by 4 digits, e.g. UN3480' });
  else {
    const n = Number(un.slice(2));
    if (n < UN_NUMBER_RANGE.min || n > UN_NUMBER_RANGE.max) errors.push({ field: `${path}.unNumber`, message: `${un} is not an assigned UN number` });
  }
  const classOk = typeof line.class === 'string' && (DG_CLASSES as readonly string[]).includes(line.class);
  if (!classOk) errors.push({ field: `${path}.class`, message: `class must be a hazard class or division: ${DG_CLASSES.join(', ')}` });
  const pi = line.packingInstruction;
  const piOk = typeof pi === 'string' && PACKING_INSTRUCTION_PATTERN.test(pi);
  if (!piOk) errors.push({ field: `${path}.packingInstruction`, message: 'packingInstruction must be an IATA packing instruction such as PI965 or Y963' });
  const lithium = unOk ? LITHIUM_PACKING_INSTRUCTIONS[un] : undefined;
  if (lithium) {
    if (classOk && line.class !== '9') errors.push({ field: `${path}.class`, message: `${un} (lithium batteries) is class 9, not ${String(line.class)}` });
    if (piOk && !lithium.includes(pi)) {
      errors.push({ field: `${path}.packingInstruction`, message: `${un} ships under ${lithium.join(' or ')}, not ${pi}` });
    }
  }
  return errors;
}

function checkTemperature(range: IntakeDraft['temperatureRange']): FieldError[] {
  if (!range) return [];
  const { minC, maxC } = range;
  if (typeof minC !== 'number' || typeof maxC !== 'number' || !Number.isFinite(minC) || !Number.isFinite(maxC)) {
    return [{ field: 'temperatureRange', message: 'temperatureRange needs numeric minC and maxC in °C' }];
  }
  return minC <= maxC ? [] : [{ field: 'temperatureRange.maxC', message: `temperatureRange.maxC (${maxC} °C) must not be below minC (${minC} °C)` }];
}

/** `field` must not lie more than the tolerance after `now`. */
/** The clock part of the context. */
interface ClockContext {
  now: Date;
  limits: Pick<IntakeLimits, 'clockSkewToleranceMs'>;
}

export function checkNotInFuture(value: unknown, field: string, ctx: ClockContext): FieldError[] {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return [{ field, message: `${field} must be an RFC 3339 timestamp with offset` }];
  const latest = ctx.now.getTime() + ctx.limits.clockSkewToleranceMs;
  return at > latest
    ? [{ field, message: `${field} (${String(value)}) is in the future (now ${ctx.now.toISOString()}, tolerance ${ctx.limits.clockSkewToleranceMs / 1000} s)` }]
    : [];
}

function checkTimestamps(draft: Pick<IntakeDraft, 'receivedAt' | 'recordedAt'>, ctx: ClockContext): FieldError[] {
  const errors = checkNotInFuture(draft.receivedAt, 'receivedAt', ctx);
  if (draft.recordedAt === undefined) return errors;
  const recordedErrors = checkNotInFuture(draft.recordedAt, 'recordedAt', ctx);
  errors.push(...recordedErrors);
  if (errors.length === 0) {
    const received = Date.parse(draft.receivedAt as string);
    const recorded = Date.parse(draft.recordedAt as string);
    if (received > recorded + ctx.limits.clockSkewToleranceMs) {
      errors.push({ field: 'recordedAt', message: `recordedAt (${String(draft.recordedAt)}) is before receivedAt (${String(draft.receivedAt)}): a receipt is recorded after it happened` });
    }
  }
  return errors;
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
