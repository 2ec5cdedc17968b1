import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, headerRef, Public, RESPONSE_HEADERS } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { assertMetricsAccess } from './metrics-token';

/** Prometheus scrape endpoint. Public to the access-token guard; IDENTSPHERE_METRICS_TOKEN guards it instead. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getMetrics', summary: 'Prometheus metrics; needs `Authorization: Bearer <IDENTSPHERE_METRICS_TOKEN>` when that is set' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    headers: { 'Cache-Control': headerRef(RESPONSE_HEADERS.cacheControlNoStore) },
    content: { 'text/plain': { schema: { type: 'string', example: '# TYPE identsphere_logins_total counter\nidentsphere_logins_total{outcome="success"} 42\n' } } },
  })
  @ApiProblems('unauthorized')
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    assertMetricsAccess(this.config.observability.metricsToken, req.headers.authorization);
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return this.metrics.registry.metrics();
  }
}
