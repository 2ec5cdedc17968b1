import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppConfig } from '@identsphere/config';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from '../openapi/openapi';
import { CliIo } from './load-config-or-exit';

/**
 * `cli.js openapi <file>`: writes the OpenAPI document the service serves at /openapi.json.
 *
 * Nest's preview mode registers every module and controller without running providers, so the
 * document is produced without a database (a docs job in CI has none) and without side effects.
 */
export async function openApiCommand(config: AppConfig, file: string, io: CliIo): Promise<number> {
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: ['error'], abortOnError: false, bodyParser: false });
  const document = buildOpenApiDocument(app, config);
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  io.out(`Wrote the OpenAPI document to ${file}`);
  return 0;
}
