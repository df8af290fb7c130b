import { Controller, Get, Inject, MessageEvent, Param, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { hubDayStart, hubLocalDate } from '@cargo/contracts';
import { Authorize, Clock, CsvExportable } from '@cargo/service-runtime';
import { map, merge, Observable } from 'rxjs';
import { HubControlQueriesUseCase } from '../../application/hub-control-queries.use-case';
import { OperatorExceptionsMonitor } from '../../application/operator-exceptions.monitor';
import { TrackingQueriesUseCase } from '../../application/tracking-queries.use-case';
import { TrackingError, TrackingErrorCodes } from '../../application/tracking.errors';
import { ControlExceptionsRequestDto, ControlFlightsRequestDto, ControlNetworkRequestDto, ControlSearchRequestDto, DailyKpisRequestDto } from './hub-control.request-dto';
import { keepAlive } from './tracking.controller';

const DAY_MS = 86_400_000;
/** Longest KPI trend one request computes (each day is a full KPI report). */
const MAX_TREND_DAYS = 62;

/**
 * The operator views (issue #20): hub control (departures with their shipments, load and trucks),
 * the exceptions queue (also live), the network picture and the KPI trend. Operations only. Human
 * texts come as message keys with parameters (`operator-messages.catalog.ts`) and English text.
 */
@ApiTags('operator views')
@Authorize('ops')
@Controller('v1')
export class HubControlController {
  constructor(
    @Inject(HubControlQueriesUseCase) private readonly control: HubControlQueriesUseCase,
    @Inject(TrackingQueriesUseCase) private readonly queries: TrackingQueriesUseCase,
    @Inject(OperatorExceptionsMonitor) private readonly monitor: OperatorExceptionsMonitor,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('control/flights')
  @ApiOperation({
    summary:
      "A day's departures of WUH and EHU: upcoming first (`items`, by departure), departed apart (`departed`, latest first); per flight its load by weight and volume, cut-off countdown on the service clock, status and the truck runs feeding it. Empty belly flights are left out unless `includeEmpty=true`",
  })
  @CsvExportable()
  flights(@Query() q: ControlFlightsRequestDto) {
    return this.control.flights({ airport: q.airport, date: q.date, q: q.q, includeDeparted: q.includeDeparted !== 'false', includeEmpty: q.includeEmpty === 'true' });
  }

  @Get('control/flights/:flightId')
  @ApiOperation({ summary: 'One flight with its shipments (`items`: its manifest once closed) and the truck runs feeding it' })
  @ApiParam({ name: 'flightId', example: 'O36921-2026-11-25' })
  @CsvExportable()
  flight(@Param('flightId') flightId: string) {
    return this.control.flight(flightId);
  }

  @Get('control/search')
  @ApiOperation({ summary: 'AWBs, flights and stations matching the text (at most 20)' })
  @CsvExportable()
  search(@Query() q: ControlSearchRequestDto) {
    return this.control.search(q.q);
  }

  @Get('control/exceptions')
  @ApiOperation({
    summary:
      'What operators must act on now (service clock): promises at risk, no flight, wait-listed, customs holds past the threshold, pieces short, trucks late for cut-off; each with its reason, age and the action that resolves it; oldest first',
  })
  @CsvExportable()
  exceptions(@Query() q: ControlExceptionsRequestDto) {
    return this.control.exceptions({ kind: q.kind, airport: q.airport });
  }

  @Sse('control/exceptions/stream')
  @ApiOperation({ summary: 'Server-sent events: the exceptions queue now (event `exceptions`), then again whenever it changes, including by time passing alone' })
  exceptionsStream(): Observable<MessageEvent> {
    return merge(this.monitor.reports().pipe(map((report): MessageEvent => ({ type: 'exceptions', data: report }))), keepAlive());
  }

  @Get('control/network')
  @ApiOperation({ summary: "The forward stations, WUH and EHU and the day's destinations with a fixed layout, and the day's flows (station → hub by truck, hub → destination by flight) with shipments and kg" })
  @CsvExportable()
  network(@Query() q: ControlNetworkRequestDto) {
    return this.control.network(q.date);
  }

  @Get('kpis/daily')
  @ApiOperation({ summary: 'The KPI tiles per hub-local day (as of the end of each day, now for today), for trends; the same calculation as /v1/kpis' })
  @ApiOkResponse({ description: '`{ items: [{ date, asOf, airSelfTransportRate, onTimeD1, … }] }`' })
  @CsvExportable()
  async dailyKpis(@Query() q: DailyKpisRequestDto) {
    const to = q.to ?? hubLocalDate(this.clock.now());
    const from = q.from ?? hubLocalDate(hubDayStart(to).getTime() - 6 * DAY_MS);
    if (from > to) throw new TrackingError(TrackingErrorCodes.InvalidRequest, 'from must not be after to', [{ field: 'from', message: 'must not be after to' }]);
    if ((hubDayStart(to).getTime() - hubDayStart(from).getTime()) / DAY_MS >= MAX_TREND_DAYS) {
      throw new TrackingError(TrackingErrorCodes.InvalidRequest, `at most ${MAX_TREND_DAYS} days`, [{ field: 'from', message: `must be at most ${MAX_TREND_DAYS - 1} days before to` }]);
    }
    return { items: await this.queries.kpisByDay(from, to) };
  }
}
