import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HS_CODE_PATTERN } from '../../domain/commodity-category.constants';
import { FINITE } from '../../validation/common.decorators';

/**
 * A party named on a waybill: the consignee of a master air waybill, or the shipper or consignee of
 * a house waybill. Lengths follow the Cargo-IMP party lines (name and street two lines of 35, place
 * 17, state/province 9, post code 9, contact number 25), so every party fits an FWB/FHL unchanged.
 *
 * Personal data (e-commerce consignees are people): tracking shows it only to the parties allowed
 * the full view, never in the public status.
 */
export class WaybillPartyDto {
  @IsString()
  @IsNotEmpty({ message: '$property must name the party' })
  @MaxLength(70)
  name!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must give the street address' })
  @MaxLength(70)
  street!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must give the city' })
  @MaxLength(17)
  city!: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(9)
  stateProvince?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(9)
  postalCode?: string;

  /** ISO 3166-1 alpha-2, e.g. `DE`. */
  @IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code, e.g. DE' })
  country!: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,25}$/, { message: '$property must be a telephone number (digits, spaces, +, -, parentheses; 5 to 25)' })
  phone?: string;

  /** Identification customs asks for at destination (EORI, tax or national id), when the party has one. */
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,35}$/, { message: '$property must be an identification of 2 to 35 capital letters, digits or hyphens (e.g. an EORI number)' })
  customsId?: string;
}

/**
 * One house waybill of a consolidation (typically a cross-border e-commerce parcel or order): what
 * customs at destination declares per consignee.
 *
 * Invariants: `number` is 1–12 capital letters/digits (the Cargo-IMP house waybill number) and
 * unique within its master; pieces ≥ 1; weight > 0 kg.
 */
export class HouseWaybillDto {
  @Matches(/^[A-Z0-9]{1,12}$/, { message: '$property must be a house waybill number of 1 to 12 capital letters or digits' })
  number!: string;

  @IsInt({ message: '$property must be a whole number of pieces' })
  @Min(1, { message: '$property must be at least 1' })
  pieces!: number;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  grossWeightKg!: number;

  @IsString()
  @IsNotEmpty({ message: '$property must describe the goods' })
  @MaxLength(200)
  description!: string;

  @IsOptional()
  @Matches(HS_CODE_PATTERN, { message: '$property must be 6 to 10 digits without dots, e.g. 85176299' })
  hsCode?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => WaybillPartyDto)
  shipper?: WaybillPartyDto;

  @IsDefined({ message: '$property must name the consignee of the house waybill' })
  @ValidateNested()
  @Type(() => WaybillPartyDto)
  consignee!: WaybillPartyDto;
}
