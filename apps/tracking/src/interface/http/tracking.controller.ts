import { Controller, Get, Inject, MessageEvent, Param, Query, Res, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { filter, interval, map, merge, Observable } from 'rxjs';
import { Authorize, CsvExportable, CurrentIdentity, HttpEdgeError, isOperatingAirline, Public, type Identity } from '@cargo/service-runtime';
import type { FsuStatusMessage } from '../../domain/fsu-status.builder';
import { publicViewOf, type PublicShipmentView, type ShipmentView } from '../../domain/shipment.projection';
import { TrackingQueriesUseCase } from '../../application/tracking-queries.use-case';
import { TrackingUpdatesNotifier } from '../../application/tracking-updates.notifier';
import { DeparturesRequestDto } from './board.request-dto';
import { SearchShipmentsRequestDto } from './search-shipments.request-dto';

/** Keep-alive comment interval of SSE streams (proxies drop idle connections). */
const SSE_KEEPALIVE_MS = 15_000;

@ApiTags('tracking')
@Controller('v1')
export class TrackingController {
  constructor(
    @Inject(TrackingQueriesUseCase) private readonly queries: TrackingQueriesUseCase,
    @Inject(TrackingUpdatesNotifier) private readonly notifier: TrackingUpdatesNotifier,
  ) {}

  @Get('shipments')
  @Authorize('ops')
  @ApiOperation({ summary: 'Search shipments by station, status, airport, flight, day of receipt and flag (paged, latest activity first)' })
  @CsvExportable()
  async search(@Query() q: SearchShipmentsRequestDto) {
    const { items, total } = await this.queries.search(q);
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  @Get('shipments/:awb')
  @Public()
  @ApiOperation({ summary: 'One shipment: timeline, status, booking, ETA, next activity, discrepancy flags' })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  @ApiOkResponse({ description: 'The shipment view' })
  async shipment(@Param('awb') awb: string, @CurrentIdentity() identity: Identity | undefined): Promise<ShipmentView | PublicShipmentView> {
    return viewFor(identity, await this.queries.shipment(awb));
  }

  @Get('shipments/:awb/fsu')
  @Authorize(['ops', 'station', 'shipper', 'forwarder', 'airline'])
  @ApiOperation({
    summary:
      "Every status of the shipment (RCS, FOH, BKD, MAN, DEP, ARR, RCF, NFD, DLV, DIS) as an IATA Cargo-IMP FSU/15 message, for the parties allowed its full view (as on cargo.status.v1); `?format=fsu` gives the messages as text, separated by a blank line",
  })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'fsu'] })
  @ApiProduces('application/json', 'text/plain')
  async shipmentFsu(
    @Param('awb') awb: string,
    @Query('format') format: string | undefined,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: { type(t: string): unknown },
  ): Promise<{ awb: string; messages: FsuStatusMessage[] } | string> {
    const view = await this.queries.shipment(awb);
    if (viewFor(identity, view) !== view) throw new HttpEdgeError('FORBIDDEN', 'Status messages are for the parties of this shipment.');
    const messages = await this.queries.fsuMessages(view);
    if (format === 'fsu') {
      res.type('text/plain');
      return messages.map((m) => m.fsu).join('\r\n');
    }
    if (format !== undefined && format !== 'json') throw new HttpEdgeError('INVALID_REQUEST', 'format must be json or fsu', [{ field: 'query.format', message: 'must be json or fsu' }]);
    return { awb: view.awb, messages };
  }

  @Sse('shipments/:awb/stream')
  @Public()
  @ApiOperation({ summary: 'Server-sent events: the shipment view now (if any), then every change (event `shipment`)' })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  shipmentStream(@Param('awb') awbText: string, @CurrentIdentity() identity: Identity | undefined): Observable<MessageEvent> {
    const awb = this.queries.canonicalAwb(awbText);
    const changes = this.notifier.updates.pipe(
      filter((u) => u.type === 'shipment' && u.awb === awb),
      map((u): MessageEvent => ({ type: 'shipment', data: u.type === 'shipment' ? viewFor(identity, this.queries.current(u.view)) : {} })),
    );
    // Subscribe to changes first, then send the stored view unless a change already went out
    // (a change is never older than what was stored before it).
    const stream = new Observable<MessageEvent>((subscriber) => {
      let changed = false;
      const subscription = changes.subscribe({
        next: (event) => {
          changed = true;
          subscriber.next(event);
        },
      });
      this.queries.shipment(awb).then(
        (view) => {
          if (!changed) subscriber.next({ type: 'shipment', data: viewFor(identity, view) });
        },
        () => undefined,
      );
      return () => subscription.unsubscribe();
    });
    return merge(stream, keepAlive());
  }

  @Sse('board/stream')
  @Authorize('ops')
  @ApiOperation({ summary: 'Server-sent events for the whole board: `shipment` (status summary) and `flight` changes' })
  boardStream(): Observable<MessageEvent> {
    const changes = this.notifier.updates.pipe(
      map((u): MessageEvent =>
        u.type === 'shipment'
          ? {
              type: 'shipment',
              data: { awb: u.awb, status: u.view.status, airport: u.view.airport, flight: u.view.booking?.flightNumber ?? null, held: u.view.openHold !== null, flags: u.view.flags.map((f) => f.code), at: u.view.statusAt },
            }
          : { type: 'flight', data: { flightId: u.flightId } },
      ),
    );
    return merge(changes, keepAlive());
  }

  @Get('board/departures')
  @Authorize('ops')
  @ApiOperation({ summary: 'Departures board of WUH and EHU: flights with booked weight and, once manifested, load factor' })
  @CsvExportable({ rows: 'flights' })
  async departures(@Query() q: DeparturesRequestDto) {
    const flights = await this.queries.board(q.airport ? [q.airport] : ['WUH', 'EHU'], q.from ? new Date(q.from) : undefined, q.to ? new Date(q.to) : undefined);
    return { flights };
  }

  @Get('holds/open')
  @Authorize('ops')
  @ApiOperation({ summary: 'Shipments under an open customs or security hold, oldest first' })
  @CsvExportable()
  async openHolds() {
    return { items: await this.queries.openHolds() };
  }

  @Get('kpis')
  @Authorize('ops')
  @ApiOperation({ summary: 'KPIs computed from the events, against the 2027 targets' })
  kpis() {
    return this.queries.kpis();
  }
}

/** Keep-alive comments of a server-sent-event stream (event `ping`). */
export function keepAlive(): Observable<MessageEvent> {
  return interval(SSE_KEEPALIVE_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: '' })));
}

/**
 * The full view for those the shipment concerns: operations, its station, its shipper or forwarding
 * agent (party id claim), the airline carrying it; the public view (no names, no weights) for anyone
 * else who knows the exact AWB.
 */
export function viewFor(identity: Identity | undefined, view: ShipmentView): ShipmentView | PublicShipmentView {
  if (!identity) return publicViewOf(view);
  const concerned =
    identity.roles.has('ops') ||
    (identity.roles.has('station') && identity.station === view.stationCode) ||
    (identity.partyId !== undefined && (identity.partyId === view.shipperId || identity.partyId === view.agentId)) ||
    [view.booking?.flightNumber, view.booking?.connection?.flightNumber, view.departedFlightNumber].some((f) => f != null && isOperatingAirline(identity, f));
  return concerned ? view : publicViewOf(view);
}
