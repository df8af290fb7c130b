import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth/auth.decorators';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

/**
 * Liveness says the process runs; readiness says it can do its work (database reachable), plus the
 * optional {@link READINESS_CHECKS} a library contributes (e.g. messaging's `kafka` detail).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    @Optional() @Inject(READINESS_CHECKS) private readonly extraChecks: readonly ReadinessCheck[] | null = null,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers' })
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), ...(this.extraChecks ?? [])]);
  }
}
