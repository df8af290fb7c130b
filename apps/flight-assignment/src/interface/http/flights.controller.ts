import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CUTOFF_MINUTES } from '@cargo/seeds';
import { flightIdOf, hubLocalDate } from '@cargo/contracts';
import { Authorize, CsvExportable, CurrentIdentity, HttpEdgeError, isOperatingAirline, type Identity } from '@cargo/service-runtime';
import { FlightOpsUseCase, type FlightView, type ReplanResult } from '../../application/flight-ops.use-case';
import { AssignmentError, AssignmentErrorCodes } from '../../domain/assignment.errors';
import { MINUTE_MS, type Flight } from '../../domain/flight.model';
import type { Manifest } from '../../domain/manifest.builder';
import { AddFlightRequestDto, CancelFlightRequestDto, DelayFlightRequestDto, ListFlightsQueryRequestDto, ManifestQueryRequestDto } from './flight.request-dto';

/**
 * Ops API over the timetable: flights with booked/remaining capacity, add/delay/cancel, manifests.
 * Only `ops` changes flights; an airline reads its own flights and their manifests.
 */
@ApiTags('flights')
@Controller('v1/flights')
export class FlightsController {
  constructor(private readonly ops: FlightOpsUseCase) {}

  @Get()
  @Authorize(['ops', 'airline'])
  @ApiOperation({ summary: 'Flights departing from an airport on a local day, with booked and remaining capacity (an airline sees its own)' })
  @CsvExportable()
  async list(@Query() query: ListFlightsQueryRequestDto, @CurrentIdentity() identity: Identity): Promise<{ items: FlightView[] }> {
    const flights = await this.ops.flightsOf(query.airport, query.date);
    return { items: identity.roles.has('ops') ? flights : flights.filter((f) => isOperatingAirline(identity, f.flightNumber)) };
  }

  @Get(':flightId')
  @Authorize(['ops', 'airline'])
  @ApiOperation({ summary: 'One flight with booked and remaining capacity' })
  async get(@Param('flightId') flightId: string, @CurrentIdentity() identity: Identity): Promise<FlightView> {
    assertMayReadFlight(identity, flightId);
    return this.ops.flight(flightId);
  }

  @Post()
  @Authorize('ops')
  @ApiOperation({ summary: 'Add a flight (or road-feeder truck) to the operated timetable' })
  add(@Body() body: AddFlightRequestDto, @CurrentIdentity() identity: Identity): Promise<FlightView> {
    const departureAt = Date.parse(body.departureAt);
    const arrivalAt = Date.parse(body.arrivalAt);
    if (!(arrivalAt > departureAt)) {
      throw new AssignmentError(AssignmentErrorCodes.InvalidFlight, 'arrivalAt must be after departureAt', [{ field: 'arrivalAt', message: 'arrivalAt must be after departureAt' }]);
    }
    const leg = body.leg ?? (body.aircraftKind === 'TRUCK' ? 'ROAD_FEEDER' : 'FROM_WUHAN');
    if ((leg === 'ROAD_FEEDER') !== (body.aircraftKind === 'TRUCK')) {
      throw new AssignmentError(AssignmentErrorCodes.InvalidFlight, 'a road feeder is a TRUCK and a TRUCK is a road feeder', [{ field: 'leg', message: 'ROAD_FEEDER goes with aircraftKind TRUCK, and only it' }]);
    }
    if (body.origin !== 'WUH' && body.origin !== 'EHU') {
      throw new AssignmentError(AssignmentErrorCodes.InvalidFlight, 'flights added by ops leave from WUH or EHU', [{ field: 'origin', message: 'origin must be WUH or EHU' }]);
    }
    const cutoffMinutes = body.cutoffMinutes ?? CUTOFF_MINUTES[body.aircraftKind];
    const localDate = hubLocalDate(departureAt);
    const flight: Flight = {
      flightId: flightIdOf(body.flightNumber, localDate),
      flightNumber: body.flightNumber,
      carrier: body.flightNumber.slice(0, 2),
      origin: body.origin,
      destination: body.destination,
      departureAt,
      arrivalAt,
      cutoffAt: departureAt - cutoffMinutes * MINUTE_MS,
      aircraftKind: body.aircraftKind,
      aircraftType: body.aircraftType,
      capacityKg: body.capacityKg,
      capacityM3: body.capacityM3,
      coldChain: body.coldChain,
      leg,
      status: 'SCHEDULED',
      delayMinutes: 0,
    };
    return this.ops.addFlight(flight, identity.subject);
  }

  @Post(':flightId/delay')
  @Authorize('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delay a flight; shipments that no longer make it are re-planned' })
  delay(@Param('flightId') flightId: string, @Body() body: DelayFlightRequestDto, @CurrentIdentity() identity: Identity): Promise<ReplanResult> {
    return this.ops.delayFlight(flightId, body.minutes, identity.subject, body.reason);
  }

  @Post(':flightId/cancel')
  @Authorize('ops')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a flight; its shipments are re-assigned, road-fed or wait-listed' })
  cancel(@Param('flightId') flightId: string, @Body() body: CancelFlightRequestDto, @CurrentIdentity() identity: Identity): Promise<ReplanResult> {
    return this.ops.cancelFlight(flightId, identity.subject, body.reason);
  }

  @Get(':flightId/audit')
  @Authorize('ops')
  @ApiOperation({ summary: 'Who added, delayed or cancelled the flight, when and why' })
  @CsvExportable()
  async audit(@Param('flightId') flightId: string): Promise<{ items: Array<{ action: string; actor: string; at: string; detail: string | null }> }> {
    return { items: await this.ops.flightAudit(flightId) };
  }

  @Get(':flightId/manifest')
  @Authorize(['ops', 'airline'])
  @ApiOperation({
    summary:
      'The manifest closed at cut-off: JSON (with consignees, house waybills and the dangerous-goods detail of the NOTOC), or `?format=ffm` for IATA Cargo-IMP FFM/8 (CRLF lines; a manifest over 3500 characters is several messages, CONT … LAST, separated by a blank line; `X-Cargo-Imp-Messages` says how many)',
  })
  @ApiProduces('application/json', 'text/plain')
  @CsvExportable({ rows: 'shipments' })
  @ApiOkResponse({ description: 'The closed manifest; as text/csv, its shipments (one line each)' })
  async manifest(
    @Param('flightId') flightId: string,
    @Query() query: ManifestQueryRequestDto,
    @Res({ passthrough: true }) res: { type(t: string): unknown; setHeader(name: string, value: string): unknown },
    @CurrentIdentity() identity: Identity,
  ): Promise<Manifest | string> {
    assertMayReadFlight(identity, flightId);
    if (query.format === 'ffm') {
      const messages = await this.ops.manifestFfm(flightId);
      res.type('text/plain');
      res.setHeader('X-Cargo-Imp-Messages', String(messages.length));
      return messages.join('\r\n');
    }
    return this.ops.manifest(flightId);
  }
}

/** `ops` reads every flight; an airline only the flights it operates (the flight id starts with its designator). */
export function assertMayReadFlight(identity: Identity, flightId: string): void {
  if (identity.roles.has('ops') || isOperatingAirline(identity, flightId)) return;
  throw new HttpEdgeError('FORBIDDEN', `Flight ${flightId.slice(0, 40)} is not operated by your airline.`);
}
