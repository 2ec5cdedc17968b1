import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@identsphere/config';
import { AppModule } from '../../apps/identsphere/src/app.module';
import { buildOpenApiDocument } from '../../apps/identsphere/src/openapi/openapi';
import { TEST_JWT_SECRET } from './test-app';

/**
 * The OpenAPI document for a configuration, built the way `cli.js openapi` builds it (Nest preview mode:
 * no database, no providers run), so document tests need no database.
 */
export async function openApiDocumentFor(env: Record<string, string> = {}): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'postgres://unused@127.0.0.1:1/none', ...env });
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: ['error'], abortOnError: false, bodyParser: false });
  try {
    return buildOpenApiDocument(app, config);
  } finally {
    await app.close();
  }
}
