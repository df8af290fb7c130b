import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Awb } from '@cargo/contracts';
import { Authorize, CurrentIdentity, HttpEdgeError, isOperatingAirline, type Identity } from '@cargo/service-runtime';
import { AirlineStatusUseCase, type FlightStatusView, type StatusReportOutcome, type StatusReportView } from '../../application/airline-status.use-case';
import { FlightOpsUseCase } from '../../application/flight-ops.use-case';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';
import { FlightStatusRequestDto, ShipmentStatusRequestDto } from './airline-status.request-dto';
import { assertMayReadFlight } from './flights.controller';

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * The airline status API: an airline reports what happens after departure (DEP, ARR per flight; RCF,
 * NFD, DLV and transfers per shipment) with its own credentials, for the flights it operates only
 * (the flight number's designator is one of the token's `carriers`). Each report is audited with the
 * token's subject and published on `cargo.handling.v1` (`source: AIRLINE`); a re-post answers 200
 * with the report on file, a contradicting one 409.
 */
@ApiTags('airline status')
@Controller('v1')
export class AirlineStatusController {
  constructor(
    private readonly status: AirlineStatusUseCase,
    private readonly ops: FlightOpsUseCase,
  ) {}

  @Post('flights/:flightId/status')
  @Authorize('airline')
  @ApiOperation({ summary: 'The operating airline reports a flight departed (DEP) or arrived (ARR); every shipment on board gets it' })
  @ApiResponse({ status: 201, description: 'filed and published' })
  @ApiResponse({ status: 200, description: 'the same report was already filed: nothing published again' })
  @ApiResponse({ status: 409, description: 'ASSIGNMENT.STATUS_CONFLICT: contradicts what is on file (another time), or the flight cannot have done it (cancelled, manifest open, no departure yet)' })
  async reportFlight(
    @Param('flightId') flightId: string,
    @Body() body: FlightStatusRequestDto,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: StatusResponse,
  ): Promise<StatusReportOutcome> {
    if (!isOperatingAirline(identity, flightId)) throw new HttpEdgeError('FORBIDDEN', `Flight ${flightId.slice(0, 40)} is not operated by your airline.`);
    const outcome = await this.status.reportFlight(flightId, body, identity.subject);
    res.status(outcome.replayed ? 200 : 201);
    return outcome;
  }

  @Get('flights/:flightId/status')
  @Authorize(['ops', 'airline'])
  @ApiOperation({ summary: "A flight's actual departure and arrival (and whether the departure was assumed), with every report and who made it" })
  flightStatus(@Param('flightId') flightId: string, @CurrentIdentity() identity: Identity): Promise<FlightStatusView> {
    assertMayReadFlight(identity, flightId);
    return this.status.flightStatus(flightId);
  }

  @Post('shipments/:awb/status')
  @Authorize('airline')
  @ApiOperation({ summary: 'An airline carrying the shipment reports RCF (with pieces), NFD, DLV, or its transfer (DEP / ARR at a place on a named flight)' })
  @ApiResponse({ status: 201, description: 'filed and published' })
  @ApiResponse({ status: 200, description: 'the same report was already filed: nothing published again' })
  @ApiResponse({ status: 409, description: 'ASSIGNMENT.STATUS_CONFLICT: contradicts what is on file, or the shipment has not left Wuhan' })
  async reportShipment(
    @Param('awb') awbText: string,
    @Body() body: ShipmentStatusRequestDto,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: StatusResponse,
  ): Promise<StatusReportOutcome> {
    const awb = await this.carriedBy(identity, awbText);
    const outcome = await this.status.reportShipment(awb, body, identity.subject);
    res.status(outcome.replayed ? 200 : 201);
    return outcome;
  }

  @Get('shipments/:awb/status')
  @Authorize(['ops', 'airline'])
  @ApiOperation({ summary: "A shipment's own airline reports (RCF, NFD, DLV, transfers) with who made them" })
  async shipmentReports(@Param('awb') awbText: string, @CurrentIdentity() identity: Identity): Promise<{ awb: string; reports: StatusReportView[] }> {
    const awb = await this.carriedBy(identity, awbText);
    return { awb, reports: await this.status.shipmentReports(awb) };
  }

  /** The canonical AWB, if `ops` asks or the airline operates one of the shipment's booked legs (else 403). */
  private async carriedBy(identity: Identity, awbText: string): Promise<string> {
    const parsed = Awb.tryParse(awbText);
    if (!parsed.ok) throw new AssignmentError(AssignmentErrorCodes.InvalidRequest, parsed.error.message, [{ field: 'awb', message: parsed.error.message }]);
    const awb = parsed.value.toString();
    if (identity.roles.has('ops')) return awb;
    const { booking } = await this.ops.shipment(awb);
    const legs = [booking?.flightId, booking?.connectionFlightId].filter((f): f is string => f !== undefined);
    if (!legs.some((flightId) => isOperatingAirline(identity, flightId))) throw new HttpEdgeError('FORBIDDEN', "This shipment is not on your airline's flights.");
    return awb;
  }
}
