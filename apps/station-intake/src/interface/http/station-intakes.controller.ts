import { isCalendarDate } from '@cargo/contracts';
import { Authorize, CsvExportable, CurrentIdentity, type Identity } from '@cargo/service-runtime';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ChangeIntakeUseCase, type IntakeChangeView } from '../../application/change-intake.use-case';
import { QueryIntakesUseCase, type IntakePage } from '../../application/query-intakes.use-case';
import { columnOfPath, parseIntakeCsv } from '../../application/intake-csv.parser';
import type { IntakeView } from '../../application/intake.view';
import { RegisterIntakeBatchUseCase, type BatchResult } from '../../application/register-intake-batch.use-case';
import { RegisterIntakeUseCase } from '../../application/register-intake.use-case';
import { StationIntakeConfig } from '../../config/station-intake.config';
import { INTAKE_STATUSES } from '../../domain/scan.rules';
import { StationIntakeError, StationIntakeErrorCodes } from '../../domain/station-intake.error';
import { IntakeCancellationRequestDto, IntakeCorrectionRequestDto } from './dto/intake-change.request-dto';
import { IntakeBatchRequestDto, IntakeRequestDto } from './dto/intake.request-dto';
import type { HttpRequestLike, HttpResponseLike, UploadedCsvFile } from './http.types';

/** Intakes of one station: register (one, batch, CSV), correct, cancel, read one and its changes, list by date and status. */
@ApiTags('intakes')
@ApiParam({ name: 'station', example: 'OVS' })
@Authorize('station', { stationParam: 'station', apiKeys: true })
@Controller('v1/stations/:station/intakes')
export class StationIntakesController {
  constructor(
    @Inject(RegisterIntakeUseCase) private readonly registerIntake: RegisterIntakeUseCase,
    @Inject(RegisterIntakeBatchUseCase) private readonly registerBatch: RegisterIntakeBatchUseCase,
    @Inject(QueryIntakesUseCase) private readonly queries: QueryIntakesUseCase,
    @Inject(ChangeIntakeUseCase) private readonly changes: ChangeIntakeUseCase,
    @Inject(StationIntakeConfig) private readonly config: StationIntakeConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register one shipment received at the station (publishes CargoReceived and an RCS scan)' })
  @ApiBody({ type: IntakeRequestDto })
  @ApiResponse({ status: 201, description: 'registered' })
  @ApiResponse({ status: 200, description: 'the same content was already registered: the original intake' })
  @ApiResponse({ status: 400, description: 'INTAKE.INVALID with a field list; nothing written' })
  @ApiResponse({ status: 409, description: 'INTAKE.CONFLICT: the AWB was received with other content; fields list what differs' })
  async register(@Param('station') station: string, @Body() body: unknown, @Res({ passthrough: true }) res: HttpResponseLike): Promise<IntakeView> {
    const result = await this.registerIntake.execute(station, body);
    res.status(result.outcome === 'CREATED' ? 201 : 200);
    return result.intake;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register several shipments; each item succeeds or fails on its own' })
  @ApiBody({ type: IntakeBatchRequestDto })
  @ApiResponse({ status: 200, description: 'per-item results (CREATED, REPLAYED, REJECTED, CONFLICT) and a summary' })
  @ApiResponse({ status: 400, description: 'INTAKE.BATCH_TOO_LARGE or a body without an items array' })
  async batch(@Param('station') station: string, @Body() body: unknown): Promise<BatchResult> {
    const items = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { items?: unknown }).items : undefined;
    if (!Array.isArray(items)) {
      throw new StationIntakeError(StationIntakeErrorCodes.MalformedBody, 'The body must be { "items": [ intake, ... ] }.', [{ field: 'items', message: 'items must be an array of intakes' }]);
    }
    if (items.length === 0 || items.length > this.config.BATCH_MAX_ITEMS) {
      throw new StationIntakeError(StationIntakeErrorCodes.BatchTooLarge, `A batch holds 1 to ${this.config.BATCH_MAX_ITEMS} intakes; got ${items.length}.`, [
        { field: 'items', message: `must hold 1 to ${this.config.BATCH_MAX_ITEMS} intakes` },
      ]);
    }
    return this.registerBatch.execute(station, items.map((raw, index) => ({ index, raw })));
  }

  @Post('csv')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: "Register a CSV list of shipments (text/csv body, or multipart field 'file'); per-line results" })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary', description: 'CSV with the column set documented in the README' } })
  @ApiResponse({ status: 200, description: 'per-line results: index is the line number in the file (header = line 1)' })
  @ApiResponse({ status: 400, description: 'INTAKE.CSV_INVALID: not CSV, unknown or missing columns, too many lines' })
  @ApiResponse({ status: 415, description: 'neither text/csv nor multipart/form-data' })
  async csv(@Param('station') station: string, @Req() req: HttpRequestLike, @UploadedFile() file: UploadedCsvFile | undefined): Promise<BatchResult> {
    const text = file ? file.buffer.toString('utf8') : typeof req.body === 'string' ? req.body : undefined;
    if (text === undefined) {
      const type = req.headers['content-type'];
      if (typeof type === 'string' && type.startsWith('multipart/form-data')) {
        throw new StationIntakeError(StationIntakeErrorCodes.CsvInvalid, "The multipart upload has no 'file' field.", [{ field: 'file', message: 'attach the CSV as field "file"' }]);
      }
      throw new StationIntakeError(StationIntakeErrorCodes.UnsupportedMediaType, 'Send the CSV as text/csv or as multipart/form-data field "file".');
    }
    const rows = parseIntakeCsv(text, this.config.CSV_MAX_ROWS);
    const result = await this.registerBatch.execute(station, rows.map((row) => ({ index: row.line, raw: row.raw, errors: row.errors })));
    for (const item of result.results) {
      if (item.error) item.error.fields = item.error.fields.map((f) => ({ field: columnOfPath(f.field), message: f.message }));
    }
    return result;
  }

  @Post(':awb/corrections')
  @ApiOperation({ summary: 'Correct pieces, gross weight or volume before the shipment is manifested (publishes CargoCorrected; audited with the caller)' })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  @ApiBody({ type: IntakeCorrectionRequestDto })
  @ApiResponse({ status: 201, description: 'corrected: the intake with the corrected figures and its new intakeVersion' })
  @ApiResponse({ status: 200, description: 'the figures on record already: nothing changed' })
  @ApiResponse({ status: 400, description: 'INTAKE.INVALID_REQUEST (the body), INTAKE.CORRECTION_INVALID (nothing to correct, or the corrected intake breaks an intake rule)' })
  @ApiResponse({ status: 404, description: 'INTAKE.NOT_FOUND (also when the AWB was received at another station)' })
  @ApiResponse({ status: 409, description: 'INTAKE.ALREADY_MANIFESTED (the cut-off of its flight passed) or INTAKE.CANCELLED; nothing changed' })
  async correct(
    @Param('station') station: string,
    @Param('awb') awb: string,
    @Body() body: IntakeCorrectionRequestDto,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: HttpResponseLike,
  ): Promise<IntakeView> {
    const result = await this.changes.correct(station, awb, body, identity.subject);
    res.status(result.outcome === 'CHANGED' ? 201 : 200);
    return result.intake;
  }

  @Post(':awb/cancellation')
  @ApiOperation({ summary: 'Cancel the intake before the shipment leaves the station (no TDP scan yet; publishes CargoCancelled; audited with the caller)' })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  @ApiBody({ type: IntakeCancellationRequestDto })
  @ApiResponse({ status: 201, description: 'cancelled: the intake with status CANCELLED' })
  @ApiResponse({ status: 200, description: 'already cancelled: nothing changed' })
  @ApiResponse({ status: 404, description: 'INTAKE.NOT_FOUND (also when the AWB was received at another station)' })
  @ApiResponse({ status: 409, description: 'INTAKE.LEFT_STATION: a TDP (or TAR) was scanned; nothing changed' })
  async cancel(
    @Param('station') station: string,
    @Param('awb') awb: string,
    @Body() body: IntakeCancellationRequestDto,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: HttpResponseLike,
  ): Promise<IntakeView> {
    const result = await this.changes.cancel(station, awb, body.reason, identity.subject);
    res.status(result.outcome === 'CHANGED' ? 201 : 200);
    return result.intake;
  }

  @Get(':awb/changes')
  @ApiOperation({ summary: "An intake's audited corrections and cancellation: who (the credential's subject), when, why, before and after" })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  @ApiResponse({ status: 404, description: 'INTAKE.NOT_FOUND (also when the AWB was received at another station)' })
  @CsvExportable()
  async changesOf(@Param('station') station: string, @Param('awb') awb: string): Promise<{ items: IntakeChangeView[] }> {
    return { items: await this.changes.changes(station, awb) };
  }

  @Get(':awb')
  @ApiOperation({ summary: 'One intake of this station' })
  @ApiParam({ name: 'awb', example: '784-12345675' })
  @ApiResponse({ status: 404, description: 'INTAKE.NOT_FOUND (also when the AWB was received at another station)' })
  get(@Param('station') station: string, @Param('awb') awb: string): Promise<IntakeView> {
    return this.queries.getIntake(station, awb);
  }

  @Get()
  @ApiOperation({ summary: "Page of this station's intakes, newest receipt first" })
  @CsvExportable()
  @ApiQuery({ name: 'date', required: false, type: 'string', format: 'date', example: '2026-11-25', description: 'local (UTC+8) day of receipt' })
  @ApiQuery({ name: 'status', required: false, enum: INTAKE_STATUSES })
  @ApiQuery({ name: 'page', required: false, type: 'integer', minimum: 1, default: 1 })
  @ApiQuery({ name: 'pageSize', required: false, type: 'integer', minimum: 1, maximum: 200, default: 50 })
  list(
    @Param('station') station: string,
    @Query('date') date?: string,
    @Query('status') status?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<IntakePage> {
    const fields: { field: string; message: string }[] = [];
    if (date !== undefined && !isCalendarDate(date)) fields.push({ field: 'date', message: 'date must be an existing date YYYY-MM-DD' });
    if (status !== undefined && !(INTAKE_STATUSES as readonly string[]).includes(status)) fields.push({ field: 'status', message: `status must be one of ${INTAKE_STATUSES.join(', ')}` });
    const pageNumber = page === undefined ? 1 : Number(page);
    if (!Number.isInteger(pageNumber) || pageNumber < 1) fields.push({ field: 'page', message: 'page must be a whole number ≥ 1' });
    const size = pageSize === undefined ? 50 : Number(pageSize);
    if (!Number.isInteger(size) || size < 1 || size > 200) fields.push({ field: 'pageSize', message: 'pageSize must be a whole number from 1 to 200' });
    if (fields.length > 0) throw new StationIntakeError(StationIntakeErrorCodes.QueryInvalid, 'Invalid query parameters.', fields);
    return this.queries.listIntakes(station, { date, status, page: pageNumber, pageSize: size });
  }
}
