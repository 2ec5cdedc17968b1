import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { AppConfig } from '@identsphere/config';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from '../openapi/openapi';
import { CliIo } from './load-config-or-exit';

/**
 * The environment the openapi command loads its config from. No key is ever derived for the document,
 * so a missing root secret is replaced by a throwaway one instead of generating and persisting a
 * development secret in the data directory.
 */
export function openApiEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.IDENTSPHERE_JWT_SECRET ? env : { ...env, IDENTSPHERE_JWT_SECRET: randomBytes(48).toString('base64url') };
}

/**
 * `cli.js openapi <file>`: writes the OpenAPI document the service serves at /openapi.json.
 *
 * Nest's preview mode registers every module and controller without running providers, so the
 * document is produced without a database (a docs job in CI has none) and without side effects.
 */
export async function openApiCommand(config: AppConfig, file: string, io: CliIo): Promise<number> {
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: ['error'], abortOnError: false, bodyParser: false });
  try {
    const document = buildOpenApiDocument(app, config);
    writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  } finally {
    await app.close();
  }
  io.out(`Wrote the OpenAPI document to ${file}`);
  return 0;
}
