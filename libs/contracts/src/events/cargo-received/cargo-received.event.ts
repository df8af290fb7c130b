import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDefined,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNotEmpty,
  IsNotIn,
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
import { Awb } from '../../awb/awb.value-object';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { HOME_HUBS } from '../../domain/airports.constants';
import { COMMODITY_CATEGORIES, HS_CODE_PATTERN, type CommodityCategory } from '../../domain/commodity-category.constants';
import { SERVICE_LEVELS, type ServiceLevel } from '../../domain/service-level.constants';
import { SPECIAL_HANDLING_CODES, type SpecialHandlingCode } from '../../domain/special-handling.constants';
import { Topics } from '../../topics/topics.constants';
import {
  FINITE,
  IsAirportCode,
  IsMoneyAmount,
  IsNotBelowField,
  IsPartyId,
  IsStationCode,
  IsTimestamp,
  Satisfies,
} from '../../validation/common.decorators';
import { DangerousGoodsLineDto } from '../shared/dangerous-goods-line.dto';
import { HouseWaybillDto, WaybillPartyDto } from '../shared/waybill-party.dto';

/** A consolidation lists at most this many house waybills. */
export const MAX_HOUSE_WAYBILLS = 999;

/** The house waybills' numbers are unique, their pieces add up to the master's, and the master names its consignee. */
function houseWaybillsProblem(value: unknown, o: CargoReceivedPayload): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const lines = (value as Array<Partial<HouseWaybillDto> | null>).filter((h): h is Partial<HouseWaybillDto> => h !== null && typeof h === 'object');
  const seen = new Set<string>();
  for (const h of lines) {
    if (typeof h.number !== 'string') continue;
    if (seen.has(h.number)) return `house waybill ${h.number} appears more than once`;
    seen.add(h.number);
  }
  const pieces = lines.reduce((n, h) => n + (typeof h.pieces === 'number' ? h.pieces : 0), 0);
  if (typeof o.pieces === 'number' && lines.every((h) => typeof h.pieces === 'number') && pieces !== o.pieces) {
    return `the house waybills' pieces add up to ${pieces}, the shipment has ${o.pieces}`;
  }
  if (o.consignee === undefined) return 'a consolidation names its consignee (the break-bulk agent at destination) in `consignee`';
  return undefined;
}

/** Unified social credit code of a Chinese legal entity (统一社会信用代码): 18 characters. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export class ShipperDto {
  /** Party id in the shipper registry (credit grade, DG qualification), e.g. `SHP-OV-001`. */
  @IsPartyId()
  id!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must be the shipper\'s name' })
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @Matches(CREDIT_CODE_PATTERN, { message: '$property must be an 18-character unified social credit code' })
  creditCode?: string;
}

export class DeclaredValueDto {
  @IsMoneyAmount()
  @IsPositive({ message: '$property must be greater than 0' })
  amount!: number;

  @IsISO4217CurrencyCode({ message: '$property must be an ISO 4217 currency code, e.g. CNY or USD' })
  currency!: string;
}

export class CommodityDto {
  @IsString()
  @IsNotEmpty({ message: '$property must describe the goods' })
  @MaxLength(200)
  description!: string;

  @IsIn(COMMODITY_CATEGORIES, { message: `$property must be one of ${COMMODITY_CATEGORIES.join(', ')}` })
  category!: CommodityCategory;

  /**
   * Optional here on purpose: a missing HS code is not a malformed message but a customs finding
   * (customs-hold holds the cargo with reason DOCUMENTS).
   */
  @IsOptional()
  @Matches(HS_CODE_PATTERN, { message: '$property must be 6 to 10 digits without dots, e.g. 85176299' })
  hsCode?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => DeclaredValueDto)
  declaredValue?: DeclaredValueDto;
}

/** Required temperature range in °C. Invariant: `minC` ≤ `maxC`. */
export class TemperatureRangeDto {
  @IsNumber(FINITE, { message: '$property must be a number of °C' })
  @Min(-90, { message: '$property must be at least -90 °C' })
  @Max(60, { message: '$property must be at most 60 °C' })
  minC!: number;

  @IsNumber(FINITE, { message: '$property must be a number of °C' })
  @Min(-90, { message: '$property must be at least -90 °C' })
  @Max(60, { message: '$property must be at most 60 °C' })
  @IsNotBelowField('minC')
  maxC!: number;
}

/**
 * A shipment received at a forward station (Optics Valley or another), weighed and measured:
 * the fact everything downstream starts from (customs rules, flight assignment, tracking).
 *
 * Invariants:
 * - `awb` is canonical `PPP-SSSSSSSC` after validation (either form is accepted on input).
 * - `receivedAt` is when the cargo was received; `recordedAt` when the terminal recorded it. They
 *   differ when terminals batch or go offline; timelines order by `receivedAt`.
 * - `destinationAirport` is never a Wuhan hub (this is export cargo). Whether it is a *known*
 *   airport, and whether `serviceLevel` fits its region, is checked by station-intake against seeds.
 * - Cargo-aircraft-only is derived, not declared: see {@link requiresCargoAircraft}.
 */
export class CargoReceivedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  @IsStationCode()
  stationCode!: string;

  @IsDefined({ message: '$property must identify the shipper' })
  @ValidateNested()
  @Type(() => ShipperDto)
  shipper!: ShipperDto;

  /** Forwarding agent, when one handed the cargo over (DG qualification is checked for it too). */
  @IsOptional()
  @IsPartyId()
  agentId?: string;

  /** Manufacturer of the goods, for dangerous goods such as lithium batteries. */
  @IsOptional()
  @IsPartyId()
  manufacturerId?: string;

  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(1, { message: '$property must be at least 1' })
  pieces!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  grossWeightKg!: number;

  @IsNumber(FINITE, { message: '$property must be a number of m³' })
  @IsPositive({ message: '$property must be greater than 0 m³' })
  volumeM3!: number;

  @IsDefined({ message: '$property must describe the goods' })
  @ValidateNested()
  @Type(() => CommodityDto)
  commodity!: CommodityDto;

  @IsArray({ message: '$property must be an array of IATA special handling codes (may be empty)' })
  @ArrayUnique({ message: '$property must not repeat a code' })
  @IsIn(SPECIAL_HANDLING_CODES, { each: true, message: '$property must contain only known IATA special handling codes (e.g. PER, COL, ELI, RLI, CAO)' })
  specialHandlingCodes!: SpecialHandlingCode[];

  @IsArray({ message: '$property must be an array of dangerous-goods lines (may be empty)' })
  @ValidateNested({ each: true })
  @Type(() => DangerousGoodsLineDto)
  dangerousGoods!: DangerousGoodsLineDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => TemperatureRangeDto)
  temperatureRange?: TemperatureRangeDto;

  /** Cross-border e-commerce parcel (flow-along supervision applies). */
  @IsBoolean({ message: '$property must be true or false' })
  ecommerce!: boolean;

  @IsAirportCode()
  @IsNotIn(HOME_HUBS, { message: '$property must be the destination, not a Wuhan hub (WUH/EHU)' })
  destinationAirport!: string;

  @IsIn(SERVICE_LEVELS, { message: '$property must be D1 (domestic, 1 day), D2 (Asia, 2 days) or D3 (global, 3 days)' })
  serviceLevel!: ServiceLevel;

  /**
   * Consignee of the air waybill; for a consolidation the break-bulk agent at destination.
   * Optional (schema version 2; older events have none).
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => WaybillPartyDto)
  consignee?: WaybillPartyDto;

  /**
   * House waybills of a consolidation (e.g. cross-border e-commerce), each with its consignee, as
   * customs at destination needs them. Optional (schema version 2). When given: 1 to
   * {@link MAX_HOUSE_WAYBILLS}, numbers unique, pieces adding up to `pieces`, and `consignee` set.
   */
  @IsOptional()
  @IsArray({ message: '$property must be an array of house waybills' })
  @ArrayMinSize(1, { message: '$property must list at least one house waybill (leave it out otherwise)' })
  @ArrayMaxSize(MAX_HOUSE_WAYBILLS, { message: `$property must list at most ${MAX_HOUSE_WAYBILLS} house waybills` })
  @ValidateNested({ each: true })
  @Type(() => HouseWaybillDto)
  @Satisfies<CargoReceivedPayload>('houseWaybillsConsistent', houseWaybillsProblem)
  houseWaybills?: HouseWaybillDto[];

  /** When the cargo was received at the station. */
  @IsTimestamp()
  receivedAt!: string;

  /** When the station terminal recorded the receipt. */
  @IsTimestamp()
  recordedAt!: string;
}

export const CargoReceivedEvent: EventDefinition<CargoReceivedPayload> = {
  type: `${EVENT_TYPE_PREFIX}cargo.received`,
  topic: Topics.CargoIntake,
  // 2: optional `consignee` and `houseWaybills` (a version-1 event is still valid).
  schemaVersion: 2,
  payload: CargoReceivedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
