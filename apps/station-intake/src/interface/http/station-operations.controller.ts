import { Authorize, CsvExportable } from '@cargo/service-runtime';
import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HOME_HUBS, type HomeHub } from '@cargo/contracts';
import { GetDispatchListUseCase } from '../../application/get-dispatch-list.use-case';
import { RecordScanUseCase, type ScanView } from '../../application/record-scan.use-case';
import type { DispatchList } from '../../domain/dispatch-list.builder';
import { StationIntakeError, StationIntakeErrorCodes } from '../../domain/station-intake.error';
import { ScanRequestDto } from './dto/intake.request-dto';
import type { HttpResponseLike } from './http.types';

/** Handling scans and the truck dispatch list of one station. */
@ApiTags('scans and dispatch')
@ApiParam({ name: 'station', example: 'OVS' })
@Authorize('station', { stationParam: 'station', apiKeys: true })
@Controller('v1/stations/:station')
export class StationOperationsController {
  constructor(
    @Inject(RecordScanUseCase) private readonly recordScan: RecordScanUseCase,
    @Inject(GetDispatchListUseCase) private readonly dispatchList: GetDispatchListUseCase,
  ) {}

  @Post('scans')
  @ApiOperation({ summary: 'Record a handling scan (RCS, FOH, LOT, TDP, DIS) of a shipment received here; publishes HandlingScanned' })
  @ApiBody({ type: ScanRequestDto })
  @ApiResponse({ status: 201, description: 'recorded' })
  @ApiResponse({ status: 200, description: 'the same scan (AWB, code, happenedAt) was already recorded' })
  @ApiResponse({ status: 400, description: 'INTAKE.SCAN_INVALID with a field list' })
  @ApiResponse({ status: 404, description: 'INTAKE.SCAN_SHIPMENT_NOT_RECEIVED' })
  @ApiResponse({ status: 409, description: 'INTAKE.SCAN_CONFLICT' })
  async scan(@Param('station') station: string, @Body() body: unknown, @Res({ passthrough: true }) res: HttpResponseLike): Promise<ScanView> {
    const result = await this.recordScan.execute(station, body);
    res.status(result.outcome === 'CREATED' ? 201 : 200);
    return result.scan;
  }

  @Get('dispatch')
  @ApiOperation({ summary: 'Truck dispatch list to WUH or EHU: trucks by departure deadline (cut-off minus truck time), their flights and shipments' })
  @ApiQuery({ name: 'airport', enum: HOME_HUBS })
  @ApiResponse({ status: 200, description: 'trucks ordered by departBy' })
  @CsvExportable({ rows: 'trucks' })
  dispatch(@Param('station') station: string, @Query('airport') airport?: string): Promise<DispatchList> {
    if (!(HOME_HUBS as readonly (string | undefined)[]).includes(airport)) {
      throw new StationIntakeError(StationIntakeErrorCodes.QueryInvalid, 'airport must be WUH or EHU.', [{ field: 'airport', message: 'airport must be WUH or EHU' }]);
    }
    return this.dispatchList.execute(station, airport as HomeHub);
  }
}
