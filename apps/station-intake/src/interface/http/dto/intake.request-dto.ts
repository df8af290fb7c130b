import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsTimestamp } from '@cargo/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMODITY_CATEGORIES, DG_CLASSES, SERVICE_LEVELS, SPECIAL_HANDLING_CODES } from '@cargo/contracts';
import { STATION_SCAN_CODES } from '../../../domain/scan.rules';

/*
 * OpenAPI description of the request bodies. Validation does not use these classes: bodies are
 * checked against the `CargoReceived` contract class itself (one source of truth) plus the domain
 * rules — see application/intake-input.validator.ts.
 */

class ShipperRequestDto {
  @ApiProperty({ example: 'SHP-OV-001' }) id!: string;
  @ApiProperty({ example: 'Wuhan Optics Valley Photonics Co.' }) name!: string;
  @ApiPropertyOptional({ example: '91420100MA4KX8B23Q', description: '18-character unified social credit code' }) creditCode?: string;
}

class DeclaredValueRequestDto {
  @ApiProperty({ example: 125000 }) amount!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
}

class CommodityRequestDto {
  @ApiProperty({ example: 'Optical transceiver modules' }) description!: string;
  @ApiProperty({ enum: COMMODITY_CATEGORIES }) category!: string;
  @ApiPropertyOptional({ example: '85176299', description: '6–10 digits; missing means customs holds for DOCUMENTS' }) hsCode?: string;
  @ApiPropertyOptional({ type: DeclaredValueRequestDto }) declaredValue?: DeclaredValueRequestDto;
}

class DangerousGoodsLineRequestDto {
  @ApiProperty({ example: 'UN3481', description: 'UN + 4 digits, an assigned number (UN0004–UN3550)' }) unNumber!: string;
  @ApiProperty({ enum: DG_CLASSES, example: '9' }) class!: string;
  @ApiProperty({ example: 'PI967', description: 'PI/Y + 3 digits; lithium batteries must match their UN number' }) packingInstruction!: string;
  @ApiProperty({ example: 'Lithium ion batteries contained in equipment' }) properShippingName!: string;
  @ApiPropertyOptional({ example: 2.5 }) netQuantityKg?: number;
  @ApiPropertyOptional() cargoAircraftOnly?: boolean;
}

class TemperatureRangeRequestDto {
  @ApiProperty({ example: 2 }) minC!: number;
  @ApiProperty({ example: 8, description: 'must not be below minC' }) maxC!: number;
}

class WaybillPartyRequestDto {
  @ApiProperty({ example: 'Rhein-Main Logistik GmbH', maxLength: 70 }) name!: string;
  @ApiProperty({ example: 'Cargo City Sued 555', maxLength: 70 }) street!: string;
  @ApiProperty({ example: 'Frankfurt', maxLength: 17 }) city!: string;
  @ApiPropertyOptional({ example: 'HE', maxLength: 9 }) stateProvince?: string;
  @ApiPropertyOptional({ example: '60549', maxLength: 9 }) postalCode?: string;
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiPropertyOptional({ example: '+49 69 123456' }) phone?: string;
  @ApiPropertyOptional({ example: 'DE123456789012345', description: 'EORI, tax or national id customs at destination asks for' }) customsId?: string;
}

class HouseWaybillRequestDto {
  @ApiProperty({ example: 'HWB0001', description: '1–12 capital letters or digits, unique within the shipment' }) number!: string;
  @ApiProperty({ example: 7 }) pieces!: number;
  @ApiProperty({ example: 21 }) grossWeightKg!: number;
  @ApiProperty({ example: 'Phone cases' }) description!: string;
  @ApiPropertyOptional({ example: '392690' }) hsCode?: string;
  @ApiPropertyOptional({ type: WaybillPartyRequestDto, description: 'the seller' }) shipper?: WaybillPartyRequestDto;
  @ApiProperty({ type: WaybillPartyRequestDto, description: 'who customs at destination declares the goods for' }) consignee!: WaybillPartyRequestDto;
}

export class IntakeRequestDto {
  @ApiProperty({ example: '784-12345675', description: 'PPP-SSSSSSSC; check digit = serial mod 7' }) awb!: string;
  @ApiProperty({ type: ShipperRequestDto }) shipper!: ShipperRequestDto;
  @ApiPropertyOptional({ example: 'AGT-WH-01' }) agentId?: string;
  @ApiPropertyOptional({ example: 'MFR-WH-01' }) manufacturerId?: string;
  @ApiProperty({ example: 12, description: '1 … INTAKE_MAX_PIECES' }) pieces!: number;
  @ApiProperty({ example: 340.5, description: '> 0 … INTAKE_MAX_WEIGHT_KG' }) grossWeightKg!: number;
  @ApiProperty({ example: 1.8, description: '> 0 … INTAKE_MAX_VOLUME_M3; density ≤ INTAKE_MAX_DENSITY_KG_PER_M3' }) volumeM3!: number;
  @ApiProperty({ type: CommodityRequestDto }) commodity!: CommodityRequestDto;
  @ApiPropertyOptional({ enum: SPECIAL_HANDLING_CODES, isArray: true, default: [] }) specialHandlingCodes?: string[];
  @ApiPropertyOptional({ type: [DangerousGoodsLineRequestDto], default: [] }) dangerousGoods?: DangerousGoodsLineRequestDto[];
  @ApiPropertyOptional({ type: TemperatureRangeRequestDto }) temperatureRange?: TemperatureRangeRequestDto;
  @ApiPropertyOptional({ default: false }) ecommerce?: boolean;
  @ApiProperty({ example: 'FRA', description: 'a known airport of the network, not WUH/EHU' }) destinationAirport!: string;
  @ApiProperty({ enum: SERVICE_LEVELS, description: 'must match the destination region: D1 domestic, D2 Asia, D3 global' }) serviceLevel!: string;
  @ApiPropertyOptional({ type: WaybillPartyRequestDto, description: 'consignee of the air waybill; for a consolidation the break-bulk agent (required with houseWaybills)' })
  consignee?: WaybillPartyRequestDto;
  @ApiPropertyOptional({
    type: [HouseWaybillRequestDto],
    description: 'house waybills of a consolidation (1–999): pieces add up to `pieces`, weights to `grossWeightKg` (within 2% or 1 kg)',
  })
  houseWaybills?: HouseWaybillRequestDto[];
  @ApiProperty({ example: '2026-11-25T09:30:00+08:00', description: 'when the cargo was received; not in the future beyond CLOCK_SKEW_TOLERANCE_SECONDS' })
  receivedAt!: string;
  @ApiPropertyOptional({ description: 'when the terminal recorded it; defaults to the time of the request' }) recordedAt?: string;
}

export class IntakeBatchRequestDto {
  @ApiProperty({ type: [IntakeRequestDto], description: 'at most BATCH_MAX_ITEMS' }) items!: IntakeRequestDto[];
}

export class ScanRequestDto {
  @ApiProperty({ example: '784-12345675' }) awb!: string;
  @ApiProperty({ enum: STATION_SCAN_CODES, description: 'RCS received, FOH on hand, LOT loaded on truck, TDP truck departed, TAR truck arrived at the airport, DIS discrepancy' })
  code!: string;
  @ApiProperty({ example: '2026-11-25T10:05:00+08:00', description: 'when it happened' }) happenedAt!: string;
  @ApiPropertyOptional({ description: 'when the terminal recorded it; defaults to the time of the request' }) recordedAt?: string;
  @ApiPropertyOptional({ example: '鄂A·12345', description: 'required for LOT, TDP and TAR' }) truckId?: string;
  @ApiPropertyOptional({ enum: ['WUH', 'EHU'], description: 'TAR only: the airport the truck reached' }) airport?: string;
  @ApiPropertyOptional({ example: 12 }) pieces?: number;
  @ApiPropertyOptional({ description: 'required for DIS' }) remarks?: string;
}

/** Body of `POST /v1/admin/stations/{station}/api-keys` (validated by the edge's pipe). */
export class CreateApiKeyRequestDto {
  @ApiPropertyOptional({ example: 'terminal 3, inbound dock', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'label must be text' })
  @MaxLength(200, { message: 'label must be text of at most 200 characters' })
  label?: string;

  @ApiPropertyOptional({ example: '2027-12-31T16:00:00Z', description: 'When the key stops working; never when absent' })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: string;
}
