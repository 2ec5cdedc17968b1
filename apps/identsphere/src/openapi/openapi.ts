import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@identsphere/config';
import { documentBase } from './document-base';
import { refineDocument } from './refine-document';

/** The OpenAPI document of the running configuration (cookie name, password minimum, servers, metrics security). */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, documentBase(config), {
    operationIdFactory: (_controller, method) => method,
    // One tag per operation, the one its decorators name; not an extra tag per controller class.
    autoTagControllers: false,
  });
  return refineDocument(document, config);
}

/** Serves GET /openapi.json and the Swagger UI at /docs. */
export function mountOpenApi(app: INestApplication, config: AppConfig): void {
  let cached: OpenAPIObject | null = null;
  const document = () => (cached ??= buildOpenApiDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml', ui: true, raw: ['json', 'yaml'] });
}
