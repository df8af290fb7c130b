import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { HOME_HUBS, type HomeHub } from '../../domain/airports.constants';
import { AIRCRAFT_KINDS, type AircraftKind } from '../../domain/flight.constants';
import { SPECIAL_HANDLING_CODES, type SpecialHandlingCode } from '../../domain/special-handling.constants';
import { Topics } from '../../topics/topics.constants';
import {
  FINITE,
  IsAirportCode,
  IsFlightId,
  IsFlightNumber,
  IsStationCode,
  IsTimestamp,
  Satisfies,
} from '../../validation/common.decorators';
import { DangerousGoodsLineDto } from '../shared/dangerous-goods-line.dto';
import { HouseWaybillDto, WaybillPartyDto } from '../shared/waybill-party.dto';

/** Totals may differ from the sum of lines by rounding only (kg, m³ to 0.01). */
export const MANIFEST_TOTALS_TOLERANCE = 0.01;
/** `loadFactor` may differ from totals.chargeableWeightKg / capacity.kg by rounding only. */
export const LOAD_FACTOR_TOLERANCE = 0.005;

export class CapacityDto {
  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  kg!: number;

  @IsNumber(FINITE, { message: '$property must be a number of m³' })
  @IsPositive({ message: '$property must be greater than 0 m³' })
  m3!: number;
}

export class ManifestShipmentDto {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsStationCode()
  stationCode!: string;

  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(1, { message: '$property must be at least 1' })
  pieces!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  grossWeightKg!: number;

  @IsNumber(FINITE, { message: '$property must be a number of m³' })
  @IsPositive({ message: '$property must be greater than 0 m³' })
  volumeM3!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  chargeableWeightKg!: number;

  @IsArray({ message: '$property must be an array of IATA special handling codes (may be empty)' })
  @ArrayUnique({ message: '$property must not repeat a code' })
  @IsIn(SPECIAL_HANDLING_CODES, { each: true, message: '$property must contain only known IATA special handling codes (e.g. PER, COL, ELI, RLI, CAO)' })
  specialHandlingCodes!: SpecialHandlingCode[];

  @IsArray({ message: '$property must be an array of dangerous-goods lines (may be empty)' })
  @ValidateNested({ each: true })
  @Type(() => DangerousGoodsLineDto)
  dangerousGoods!: DangerousGoodsLineDto[];

  @IsBoolean({ message: '$property must be true or false' })
  cargoAircraftOnly!: boolean;

  /** The goods as the intake described them (schema version 2; the FFM shows the first 15 characters). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  goodsDescription?: string;

  /** Consignee of the air waybill, when the intake named one (schema version 2). */
  @IsOptional()
  @ValidateNested()
  @Type(() => WaybillPartyDto)
  consignee?: WaybillPartyDto;

  /** House waybills of a consolidation, each with its consignee (schema version 2). */
  @IsOptional()
  @IsArray({ message: '$property must be an array of house waybills' })
  @ValidateNested({ each: true })
  @Type(() => HouseWaybillDto)
  houseWaybills?: HouseWaybillDto[];
}

export class ManifestTotalsDto {
  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(0, { message: '$property must not be negative' })
  pieces!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @Min(0, { message: '$property must not be negative' })
  grossWeightKg!: number;

  @IsNumber(FINITE, { message: '$property must be a number of m³' })
  @Min(0, { message: '$property must not be negative' })
  volumeM3!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @Min(0, { message: '$property must not be negative' })
  chargeableWeightKg!: number;
}

/** Sums a manifest's lines into its totals (what `totals` must equal). */
export function manifestTotalsOf(shipments: ReadonlyArray<Pick<ManifestShipmentDto, 'pieces' | 'grossWeightKg' | 'volumeM3' | 'chargeableWeightKg'>>): ManifestTotalsDto {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const totals = shipments.reduce(
    (t, s) => ({
      pieces: t.pieces + s.pieces,
      grossWeightKg: t.grossWeightKg + s.grossWeightKg,
      volumeM3: t.volumeM3 + s.volumeM3,
      chargeableWeightKg: t.chargeableWeightKg + s.chargeableWeightKg,
    }),
    { pieces: 0, grossWeightKg: 0, volumeM3: 0, chargeableWeightKg: 0 },
  );
  return Object.assign(new ManifestTotalsDto(), {
    pieces: totals.pieces,
    grossWeightKg: round(totals.grossWeightKg),
    volumeM3: round(totals.volumeM3),
    chargeableWeightKg: round(totals.chargeableWeightKg),
  });
}

function totalsProblem(value: unknown, o: FlightManifestClosedPayload): string | undefined {
  const totals = value as ManifestTotalsDto | undefined;
  if (!totals || typeof totals !== 'object' || !Array.isArray(o.shipments)) return undefined;
  const lines = o.shipments.filter((s) => s && typeof s === 'object');
  const expected = manifestTotalsOf(
    lines.map((s) => ({
      pieces: Number(s.pieces) || 0,
      grossWeightKg: Number(s.grossWeightKg) || 0,
      volumeM3: Number(s.volumeM3) || 0,
      chargeableWeightKg: Number(s.chargeableWeightKg) || 0,
    })),
  );
  const wrong = (['pieces', 'grossWeightKg', 'volumeM3', 'chargeableWeightKg'] as const).filter(
    (k) => typeof totals[k] === 'number' && Math.abs(totals[k] - expected[k]) > MANIFEST_TOTALS_TOLERANCE,
  );
  if (wrong.length === 0) return undefined;
  return `must equal the sum of the shipments (${wrong.map((k) => `${k} ${totals[k]} ≠ ${expected[k]}`).join(', ')})`;
}

function loadFactorProblem(value: unknown, o: FlightManifestClosedPayload): string | undefined {
  const cw = o.totals?.chargeableWeightKg;
  const kg = o.capacity?.kg;
  if (typeof value !== 'number' || typeof cw !== 'number' || typeof kg !== 'number' || kg <= 0) return undefined;
  const expected = cw / kg;
  return Math.abs(value - expected) <= LOAD_FACTOR_TOLERANCE
    ? undefined
    : `${value} does not match totals.chargeableWeightKg / capacity.kg = ${expected.toFixed(3)}`;
}

function duplicateAwbProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const seen = new Set<string>();
  for (const line of value as Array<{ awb?: unknown }>) {
    const awb = line && typeof line === 'object' ? line.awb : undefined;
    if (typeof awb !== 'string') continue;
    if (seen.has(awb)) return `AWB ${awb} appears more than once`;
    seen.add(awb);
  }
  return undefined;
}

/**
 * A flight's manifest closed at its cut-off: the list of shipments loaded, sent to the airline
 * before departure. Keyed by `flightId` (not by AWB), so all versions of one flight's manifest stay
 * in order. Also emitted for road-feeder trucks (`aircraftKind: 'TRUCK'`).
 *
 * Invariants:
 * - each AWB appears at most once;
 * - `totals` equals the sum of `shipments` (within {@link MANIFEST_TOTALS_TOLERANCE});
 * - `loadFactor` is the share of weight capacity used, by chargeable weight (the unit capacity is
 *   booked in): totals.chargeableWeightKg / capacity.kg, in 0..1 (capacity is never exceeded).
 */
export class FlightManifestClosedPayload {
  @IsFlightId()
  flightId!: string;

  @IsFlightNumber()
  flightNumber!: string;

  @IsIn(HOME_HUBS, { message: '$property must be a Wuhan hub: WUH or EHU' })
  origin!: HomeHub;

  @IsAirportCode()
  destination!: string;

  @IsTimestamp()
  departureAt!: string;

  @IsIn(AIRCRAFT_KINDS, { message: '$property must be BELLY, FREIGHTER or TRUCK' })
  aircraftKind!: AircraftKind;

  /** ICAO/marketing type, e.g. `A320`, `B767-300F`, `TRUCK`. */
  @IsString()
  @IsNotEmpty({ message: '$property must name the aircraft type, e.g. B767-300F' })
  @MaxLength(32)
  aircraftType!: string;

  /** Registration of the aircraft, e.g. `B-LAD` (schema version 2; none for trucks). */
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,9}$/, { message: '$property must be an aircraft registration such as B-LAD (at most 10 characters)' })
  aircraftRegistration?: string;

  @IsDefined({ message: '$property must give the cargo capacity in kg and m³' })
  @ValidateNested()
  @Type(() => CapacityDto)
  capacity!: CapacityDto;

  @IsArray({ message: '$property must be an array of manifest lines (may be empty)' })
  @ValidateNested({ each: true })
  @Type(() => ManifestShipmentDto)
  @Satisfies('uniqueAwbs', duplicateAwbProblem)
  shipments!: ManifestShipmentDto[];

  @IsDefined({ message: '$property must give the manifest totals' })
  @ValidateNested()
  @Type(() => ManifestTotalsDto)
  @Satisfies<FlightManifestClosedPayload>('totalsMatchLines', totalsProblem)
  totals!: ManifestTotalsDto;

  @IsNumber(FINITE, { message: '$property must be a number between 0 and 1' })
  @Min(0, { message: '$property must be between 0 and 1' })
  @Max(1, { message: '$property must be between 0 and 1 (capacity is never exceeded)' })
  @Satisfies<FlightManifestClosedPayload>('loadFactorMatchesTotals', loadFactorProblem)
  loadFactor!: number;

  @IsTimestamp()
  closedAt!: string;
}

export const FlightManifestClosedEvent: EventDefinition<FlightManifestClosedPayload> = {
  type: `${EVENT_TYPE_PREFIX}flight.manifest.closed`,
  topic: Topics.FlightManifest,
  // 2: optional `aircraftRegistration`, and per line `goodsDescription`, `consignee`, `houseWaybills`.
  schemaVersion: 2,
  payload: FlightManifestClosedPayload,
  keyOf: (p) => p.flightId,
};
