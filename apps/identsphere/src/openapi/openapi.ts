import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('IdentSphere')
    .setDescription('Self-hosted authentication backend: sessions with rotating refresh tokens, JWT access tokens, JWKS.')
    .setVersion('1')
    .addServer(config.http.publicBaseUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'accessToken')
    .addCookieAuth(config.cookies.secure ? '__Host-identsphere_refresh' : 'identsphere_refresh', { type: 'apiKey', in: 'cookie' }, 'refreshCookie')
    .build();
  const document = SwaggerModule.createDocument(app, base, { operationIdFactory: (_controller, method) => method });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA as never } };
  return document;
}

/** Serves GET /openapi.json and the Swagger UI at /docs. */
export function mountOpenApi(app: INestApplication, config: AppConfig): void {
  let cached: OpenAPIObject | null = null;
  const document = () => (cached ??= buildOpenApiDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml', ui: true, raw: ['json', 'yaml'] });
}
