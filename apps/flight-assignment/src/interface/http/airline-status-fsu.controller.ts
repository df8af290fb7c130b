import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CargoImpSyntaxError } from '@cargo/cargo-imp';
import { findAirport } from '@cargo/seeds';
import { Authorize, Clock, CurrentIdentity, HttpEdgeError, isOperatingAirline, type Identity } from '@cargo/service-runtime';
import { AirlineStatusUseCase, type StatusReportOutcome } from '../../application/airline-status.use-case';
import { FlightOpsUseCase } from '../../application/flight-ops.use-case';
import { airlineReportsFromFsu, FsuReportError, type FsuAirlineReport } from '../../domain/airline-status-fsu.mapper';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';

/**
 * The airline status API in IATA Cargo-IMP: an airline posts its FSU/15 text (`text/plain`) and each
 * status line becomes the same report as the JSON routes (`POST /v1/flights/{flightId}/status`,
 * `POST /v1/shipments/{awb}/status`), with the same rules, audit and `cargo.handling.v1` events.
 */
@ApiTags('airline status')
@Controller('v1/status')
export class AirlineStatusFsuController {
  constructor(
    private readonly status: AirlineStatusUseCase,
    private readonly ops: FlightOpsUseCase,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post('fsu')
  @Authorize('airline')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Report statuses as an IATA FSU/15 message (text/plain, CRLF or LF lines): DEP from WUH/EHU (with /A time) for the flight, DEP elsewhere, ARR, RCF, NFD and DLV for the shipment; only for the airline\'s own flights and the shipments on them',
  })
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string', example: 'FSU/15\r\n784-12345675EHUFRA/T12K486.5\r\nDEP/O36921/25NOV/EHUFRA/T12K486.5/A2242\r\n' } })
  @ApiResponse({ status: 201, description: 'every status line filed (and published); `reports` in line order' })
  @ApiResponse({ status: 200, description: 'every status line was already on file: nothing published again' })
  @ApiResponse({ status: 400, description: 'ASSIGNMENT.INVALID_REQUEST: not FSU/15 (the field names the line and the data element), or a status the hub does not take from airlines' })
  async reportFsu(
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<{ reports: StatusReportOutcome[] }> {
    if (typeof body !== 'string' || body.trim() === '') {
      throw new HttpEdgeError('UNSUPPORTED_MEDIA_TYPE', 'Send the FSU/15 message as text/plain.');
    }
    const reports = this.reportsOf(body);
    for (const r of reports) await this.assertCarrier(identity, r);
    const outcomes: StatusReportOutcome[] = [];
    for (const r of reports) {
      outcomes.push(r.kind === 'flight' ? await this.status.reportFlight(r.flightId, r.body, identity.subject) : await this.status.reportShipment(r.awb, r.body, identity.subject));
    }
    if (outcomes.every((o) => o.replayed)) res.status(200);
    return { reports: outcomes };
  }

  /** The FSU's status lines as reports; grammar and mapping errors as 400 naming the line. */
  private reportsOf(text: string): FsuAirlineReport[] {
    try {
      return airlineReportsFromFsu(text, { timeZoneOf: (airport) => findAirport(airport)?.timeZone, now: this.clock.now() });
    } catch (error) {
      if (error instanceof CargoImpSyntaxError || error instanceof FsuReportError) {
        throw new AssignmentError(AssignmentErrorCodes.InvalidRequest, error.message, [{ field: `line ${error.line}: ${error.field}`, message: error.reason }]);
      }
      throw error;
    }
  }

  /** The airline's own flight, or a shipment booked on one of its flights (else 403, as on the JSON routes). */
  private async assertCarrier(identity: Identity, r: FsuAirlineReport): Promise<void> {
    if (r.kind === 'flight') {
      if (!isOperatingAirline(identity, r.flightId)) throw new HttpEdgeError('FORBIDDEN', `Flight ${r.flightId} is not operated by your airline.`);
      return;
    }
    const { booking } = await this.ops.shipment(r.awb);
    const legs = [booking?.flightId, booking?.connectionFlightId].filter((f): f is string => f !== undefined);
    if (!legs.some((flightId) => isOperatingAirline(identity, flightId))) throw new HttpEdgeError('FORBIDDEN', "This shipment is not on your airline's flights.");
  }
}
