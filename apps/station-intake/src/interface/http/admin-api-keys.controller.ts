import { Body, Controller, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ManageApiKeysUseCase, type CreatedApiKey } from '../../application/manage-api-keys.use-case';
import { StationIntakeError, StationIntakeErrorCodes } from '../../domain/station-intake.error';
import { CreateApiKeyRequestDto } from './dto/intake.request-dto';
import { AdminApiKeyGuard } from './api-key.guard';

/** Admin: issue station API keys. Disabled unless ADMIN_API_KEY is set. */
@ApiTags('admin')
@ApiHeader({ name: 'x-api-key', description: 'the admin key (ADMIN_API_KEY)', required: true })
@UseGuards(AdminApiKeyGuard)
@Controller('v1/admin/stations/:station/api-keys')
export class AdminApiKeysController {
  constructor(@Inject(ManageApiKeysUseCase) private readonly keys: ManageApiKeysUseCase) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for a station; the key is returned once and only its hash is stored' })
  @ApiParam({ name: 'station', example: 'OVS' })
  @ApiBody({ type: CreateApiKeyRequestDto, required: false })
  @ApiResponse({ status: 201, description: '{ keyId, stationCode, apiKey, label, createdAt }' })
  @ApiResponse({ status: 403, description: 'INTAKE.AUTH_ADMIN_DISABLED: ADMIN_API_KEY is not set' })
  @ApiResponse({ status: 404, description: 'INTAKE.STATION_UNKNOWN' })
  create(@Param('station') station: string, @Body() body: unknown): Promise<CreatedApiKey> {
    const label = body !== null && typeof body === 'object' ? (body as { label?: unknown }).label : undefined;
    if (label !== undefined && (typeof label !== 'string' || label.length > 200)) {
      throw new StationIntakeError(StationIntakeErrorCodes.MalformedBody, 'label must be text of at most 200 characters.', [{ field: 'label', message: 'label must be text of at most 200 characters' }]);
    }
    return this.keys.create(station, label ?? null);
  }
}
