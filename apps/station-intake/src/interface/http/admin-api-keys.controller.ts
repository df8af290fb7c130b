import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Authorize, CsvExportable, CurrentIdentity, type Identity } from '@cargo/service-runtime';
import { ManageApiKeysUseCase, type ApiKeyView, type CreatedApiKey } from '../../application/manage-api-keys.use-case';
import type { ApiKeyAuditEntry } from '../../application/station-intake.ports';
import { CreateApiKeyRequestDto } from './dto/intake.request-dto';

/**
 * Admin: station API keys — issue, list, rotate, revoke, audit trail. Needs the `admin` role (a
 * bearer token, or the bootstrap ADMIN_API_KEY in x-api-key); every change records the caller.
 */
@ApiTags('admin')
@Authorize('admin', { apiKeys: true })
@Controller('v1/admin/stations/:station/api-keys')
export class AdminApiKeysController {
  constructor(@Inject(ManageApiKeysUseCase) private readonly keys: ManageApiKeysUseCase) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API key for a station; the key is returned once and only its hash is stored' })
  @ApiParam({ name: 'station', example: 'OVS' })
  @ApiBody({ type: CreateApiKeyRequestDto, required: false })
  @ApiResponse({ status: 201, description: '{ keyId, stationCode, apiKey, label, createdAt, expiresAt }' })
  @ApiResponse({ status: 404, description: 'INTAKE.STATION_UNKNOWN' })
  create(@Param('station') station: string, @Body() body: CreateApiKeyRequestDto, @CurrentIdentity() identity: Identity): Promise<CreatedApiKey> {
    return this.keys.create(station, { label: body.label ?? null, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null }, identity.subject);
  }

  @Get()
  @ApiOperation({ summary: "A station's keys (never their secrets): active, expired, revoked" })
  @CsvExportable()
  async list(@Param('station') station: string): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.keys.list(station) };
  }

  @Get('audit')
  @ApiOperation({ summary: 'Who issued, rotated and revoked which key, and when' })
  @CsvExportable()
  async audit(@Param('station') station: string): Promise<{ items: ApiKeyAuditEntry[] }> {
    return { items: await this.keys.auditTrail(station) };
  }

  @Post(':keyId/rotate')
  @ApiOperation({ summary: 'Replace a key: a new key is returned once, the old one stops working at once' })
  @ApiResponse({ status: 404, description: 'INTAKE.API_KEY_NOT_FOUND: no active key with that id at the station' })
  rotate(@Param('station') station: string, @Param('keyId') keyId: string, @CurrentIdentity() identity: Identity): Promise<CreatedApiKey> {
    return this.keys.rotate(station, keyId, identity.subject);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: it stops working at once' })
  @ApiResponse({ status: 404, description: 'INTAKE.API_KEY_NOT_FOUND' })
  revoke(@Param('station') station: string, @Param('keyId') keyId: string, @CurrentIdentity() identity: Identity): Promise<ApiKeyView> {
    return this.keys.revoke(station, keyId, identity.subject);
  }
}
