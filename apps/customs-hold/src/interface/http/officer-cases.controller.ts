import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Authorize, CsvExportable } from '@cargo/service-runtime';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { OfficerActionsUseCase, type OfficerActionResult } from '../../application/officer-actions.use-case';
import type { CaseView } from '../../application/customs.ports';
import type { CaseSnapshot } from '../../domain/customs-case.aggregate';
import type { Actor } from '../../domain/officer-permission.policy';
import { CUSTOMS_API_ROLES, OfficerIdentity } from './officer-identity.decorator';
import { ExaminationResultRequestDto, ListOpenHoldsQueryDto, ManualHoldRequestDto, ReleaseRequestDto } from './officer-requests.request-dto';

const AWB_PARAM = { name: 'awb', example: '784-12345675', description: 'Air waybill number (PPP-SSSSSSSC or 11 digits)' };

/**
 * The officer API of customs and security. The caller is a verified bearer token (customs officer,
 * screener or a customs authority's system; 401 without one); roles are checked per action (403).
 * Every action requires a reason and is written to the case's audit trail with who, role and when;
 * the events it causes go out through the outbox in the same transaction.
 */
@ApiTags('customs')
@Authorize(CUSTOMS_API_ROLES)
@Controller('v1')
export class OfficerCasesController {
  constructor(private readonly officers: OfficerActionsUseCase) {}

  @Get('holds')
  @ApiOperation({ summary: 'Open holds (cases currently HELD), oldest first; filter by reason, station and age' })
  @ApiOkResponse({ description: '{ items: case[] }' })
  @CsvExportable()
  async listOpenHolds(@OfficerIdentity() actor: Actor, @Query() query: ListOpenHoldsQueryDto): Promise<{ items: CaseSnapshot[] }> {
    const items = await this.officers.listOpenHolds(actor, {
      reason: query.reason,
      station: query.station,
      minAgeMinutes: query.minAgeMinutes,
      limit: query.limit ?? 100,
    });
    return { items };
  }

  @Get('cases/:awb')
  @ApiOperation({ summary: 'The case of an AWB with its audit trail' })
  @ApiParam(AWB_PARAM)
  getCase(@OfficerIdentity() actor: Actor, @Param('awb') awb: string): Promise<CaseView> {
    return this.officers.getCase(actor, awb);
  }

  @Post('cases/:awb/releases')
  @HttpCode(200)
  @ApiOperation({ summary: 'Customs release (CUSTOMS_OFFICER): FULL, CONDITIONAL (two-stage) or FINAL; never lifts security holds' })
  @ApiParam(AWB_PARAM)
  release(@OfficerIdentity() actor: Actor, @Param('awb') awb: string, @Body() body: ReleaseRequestDto): Promise<OfficerActionResult> {
    return this.officers.release(actor, awb, body.kind, body.reason);
  }

  @Post('cases/:awb/holds')
  @HttpCode(200)
  @ApiOperation({ summary: 'Manual hold (CUSTOMS_OFFICER) on an AWB not yet departed, also after release; emits customs.hold.v1' })
  @ApiParam(AWB_PARAM)
  placeHold(@OfficerIdentity() actor: Actor, @Param('awb') awb: string, @Body() body: ManualHoldRequestDto): Promise<OfficerActionResult> {
    return this.officers.placeManualHold(actor, awb, body.reason);
  }

  @Post('cases/:awb/screening-results')
  @HttpCode(200)
  @ApiOperation({ summary: 'Security screening result (SECURITY_SCREENER): PASS releases if nothing else holds; FAIL holds SCREENING_FAILED' })
  @ApiParam(AWB_PARAM)
  screeningResult(@OfficerIdentity() actor: Actor, @Param('awb') awb: string, @Body() body: ExaminationResultRequestDto): Promise<OfficerActionResult> {
    return this.officers.recordScreeningResult(actor, awb, body.result, body.finding, body.reason);
  }

  @Post('cases/:awb/lab-results')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lab result of two-stage access (CUSTOMS_OFFICER): PASS gives the FINAL release; FAIL holds LAB_RESULT' })
  @ApiParam(AWB_PARAM)
  labResult(@OfficerIdentity() actor: Actor, @Param('awb') awb: string, @Body() body: ExaminationResultRequestDto): Promise<OfficerActionResult> {
    return this.officers.recordLabResult(actor, awb, body.result, body.finding, body.reason);
  }
}
