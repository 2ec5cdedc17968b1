import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

const INDICATOR_SCHEMA = {
  type: 'object' as const,
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } } },
};

/** The @nestjs/terminus readiness format. */
@ApiSchema({ name: 'Readiness', description: '@nestjs/terminus format' })
export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' }) status: 'ok' | 'error' | 'shutting_down';
  @ApiPropertyOptional({ ...INDICATOR_SCHEMA, description: 'Indicators that are up', example: { database: { status: 'up' } } }) info?: Record<string, unknown>;
  @ApiPropertyOptional({ ...INDICATOR_SCHEMA, description: 'Indicators that are down', example: {} }) error?: Record<string, unknown>;
  @ApiProperty({ ...INDICATOR_SCHEMA, description: 'Every indicator', example: { database: { status: 'up' } } }) details: Record<string, unknown>;
}

@ApiSchema({ name: 'Liveness' })
export class LivenessResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status: 'ok';
}
