import { IsBoolean, IsIn, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Matches, MaxLength } from 'class-validator';
import { DG_CLASSES, PACKING_INSTRUCTION_PATTERN, UN_NUMBER_PATTERN, type DgClass } from '../../domain/dangerous-goods.rules';
import { FINITE } from '../../validation/common.decorators';

/**
 * One dangerous-goods line of a shipment (shipper's declaration). Whether it is cargo-aircraft-only
 * follows from {@link isCargoAircraftOnly}: UN3480/PI965, UN3090/PI968, or `cargoAircraftOnly: true`.
 */
export class DangerousGoodsLineDto {
  @Matches(UN_NUMBER_PATTERN, { message: '$property must be "UN" followed by 4 digits, e.g. UN3480' })
  unNumber!: string;

  @IsIn(DG_CLASSES, { message: `$property must be a hazard class or division: ${DG_CLASSES.join(', ')}` })
  class!: DgClass;

  @Matches(PACKING_INSTRUCTION_PATTERN, { message: '$property must be an IATA packing instruction such as PI965 or Y963' })
  packingInstruction!: string;

  @IsString()
  @IsNotEmpty({ message: '$property must name the goods, e.g. "Lithium ion batteries"' })
  @MaxLength(200)
  properShippingName!: string;

  @IsOptional()
  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  netQuantityKg?: number;

  /** Shipper's explicit CAO declaration; the UN3480/PI965 and UN3090/PI968 rule applies regardless. */
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  cargoAircraftOnly?: boolean;
}
