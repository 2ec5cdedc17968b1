import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@identsphere/common';
import { DatabaseHealthIndicator } from './database.health';
import { ReadinessState } from './readiness.state';

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
  @HealthCheck()
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: 200 when PostgreSQL answers within 1 s, else 503' })
  readiness() {
    // While draining, answer 503 without touching the database: the point is to be taken out of rotation now.
    if (this.readinessState.isShuttingDown) return this.health.check([() => this.indicators.check('shutdown').down({ message: 'draining' })]);
    return this.health.check([() => this.database.ping()]);
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: 200 while the process serves HTTP' })
  liveness() {
    return { status: 'ok' };
  }
}
