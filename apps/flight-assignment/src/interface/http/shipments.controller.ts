import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Awb } from '@cargo/contracts';
import { FlightOpsUseCase, type ShipmentView } from '../../application/flight-ops.use-case';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';

@ApiTags('shipments')
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(private readonly ops: FlightOpsUseCase) {}

  @Get(':awb')
  @ApiOperation({ summary: 'Where a shipment is booked (flight, connection, truck departure), or why it is wait-listed' })
  get(@Param('awb') awb: string): Promise<ShipmentView> {
    const parsed = Awb.tryParse(awb);
    if (!parsed.ok) {
      const message = parsed.error.message;
      throw new AssignmentError(AssignmentErrorCodes.InvalidRequest, message, [{ field: 'awb', message }]);
    }
    return this.ops.shipment(parsed.value.toString());
  }
}
