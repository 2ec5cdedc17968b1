import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@identsphere/common';
import { DatabaseHealthIndicator } from './database.health';
import { LivenessResponse, ReadinessResponse } from './dto/health.response';
import { ReadinessState } from './readiness.state';

const NO_CACHE = { 'Cache-Control': { description: 'Never cached', schema: { type: 'string', example: 'no-cache, no-store, must-revalidate' } } };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly readinessState: ReadinessState,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Get()
  // Documented below with the named Readiness schema rather than terminus's inline one.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: 200 when PostgreSQL answers within 1 s, else 503' })
  @ApiOkResponse({ type: ReadinessResponse, description: 'Ready', headers: NO_CACHE })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'Not ready: PostgreSQL is unreachable, or the instance is draining (status error)', headers: NO_CACHE })
  readiness() {
    // While draining, answer 503 without touching the database: the point is to be taken out of rotation now.
    if (this.readinessState.isShuttingDown) return this.health.check([() => this.indicators.check('shutdown').down({ message: 'draining' })]);
    return this.health.check([async () => this.database.ping()]);
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: 200 while the process serves HTTP' })
  @ApiOkResponse({ type: LivenessResponse, description: 'The process serves HTTP' })
  liveness(): LivenessResponse {
    return { status: 'ok' };
  }
}
