import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Awb } from '@cargo/contracts';
import { Authorize, CurrentIdentity, HttpEdgeError, isOperatingAirline, type Identity } from '@cargo/service-runtime';
import { FlightOpsUseCase, type ShipmentView } from '../../application/flight-ops.use-case';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';

@ApiTags('shipments')
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(private readonly ops: FlightOpsUseCase) {}

  @Get(':awb')
  @Authorize(['ops', 'airline', 'station'])
  @ApiOperation({ summary: 'Where a shipment is booked (flight, connection, truck departure), or why it is wait-listed' })
  async get(@Param('awb') awb: string, @CurrentIdentity() identity: Identity): Promise<ShipmentView> {
    const parsed = Awb.tryParse(awb);
    if (!parsed.ok) {
      const message = parsed.error.message;
      throw new AssignmentError(AssignmentErrorCodes.InvalidRequest, message, [{ field: 'awb', message }]);
    }
    const view = await this.ops.shipment(parsed.value.toString());
    const flights = [view.booking?.flightId, view.booking?.connectionFlightId].filter((f): f is string => f !== undefined);
    const mayRead =
      identity.roles.has('ops') ||
      (identity.roles.has('station') && identity.station === view.stationCode) ||
      flights.some((flightId) => isOperatingAirline(identity, flightId));
    if (!mayRead) throw new HttpEdgeError('FORBIDDEN', 'This shipment is neither on your airline\'s flights nor from your station.');
    return view;
  }
}
