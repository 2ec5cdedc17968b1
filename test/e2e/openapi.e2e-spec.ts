import { Validator } from '@seriousme/openapi-schema-validator';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EXAMPLE_REFRESH_TOKEN, NEW_PASSWORD_EXTENSION } from '@identsphere/common';
import { runCli } from '../../apps/identsphere/src/cli/run-cli';
import { strongPassword, uniqueEmail } from '../support/auth-factories';
import { openApiDocumentFor } from '../support/openapi-document';
import { startTestApp, TestApp } from '../support/test-app';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Operation = { operationId?: string };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

function operationsOf(document: Document): Array<{ route: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: Document;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await request(t.server).get('/openapi.json').expect(200).expect('Content-Type', /json/)).body;
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3 document', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
  });

  it('validates against the OpenAPI schema', async () => {
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('is validated by a validator that does reject a broken document', async () => {
    const broken = { ...structuredClone(document), paths: { '/health': { get: { responses: 'none' } } } };
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it('gives every operation a unique operationId', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((o) => !o.operation.operationId).map((o) => o.route)).toEqual([]);
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the health endpoints', () => {
    expect(document.paths['/health']?.get?.operationId).toBeDefined();
    expect(document.paths['/health/live']?.get?.operationId).toBeDefined();
  });

  it('describes what the service really answers in cookie and bearer mode', async () => {
    const schemas = (document as Json).components.schemas;
    // recoveryCodesRemaining is optional: only a login completed with a recovery code has it.
    const keysOf = (name: string) => Object.keys(schemas[name].properties).filter((key) => key !== 'recoveryCodesRemaining').sort();
    const credentials = { email: uniqueEmail(), password: strongPassword() };
    const cookieMode = await request(t.server).post('/v1/auth/signup').send(credentials).expect(201);
    expect(Object.keys(cookieMode.body).sort()).toEqual(keysOf('LoginResponse'));
    expect(Object.keys(cookieMode.body.user).sort()).toEqual(keysOf('User'));
    expect(cookieMode.headers['cache-control']).toBe('no-store');
    expect(String(cookieMode.headers['set-cookie'])).toContain(`${(document as Json).components.securitySchemes.refreshCookie.name}=`);
    const bearerMode = await request(t.server).post('/v1/auth/login').set('X-Auth-Mode', 'bearer').send(credentials).expect(200);
    expect(Object.keys(bearerMode.body).sort()).toEqual(keysOf('BearerLoginResponse'));
    expect(bearerMode.body.refreshToken).toMatch(new RegExp(schemas.BearerLoginResponse.properties.refreshToken.pattern));
    expect(bearerMode.headers['set-cookie']).toBeUndefined();
    const problem = await request(t.server).post('/v1/auth/login').send({ ...credentials, password: `${credentials.password}-wrong` }).expect(401);
    expect(Object.keys(problem.body).filter((key) => !(key in schemas.ProblemDetails.properties))).toEqual([]);
    expect(problem.headers['x-request-id']).toBe(problem.body.requestId);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(t.server).get('/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
  });
});

type Json = any;

const allOperations = (doc: Json): Array<{ route: string; op: Json }> =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );

const schemaNameOf = (ref: string) => ref.split('/').pop() as string;

describe('OpenAPI document: exact contract', () => {
  let doc: Json;
  beforeAll(async () => (doc = await openApiDocumentFor()));

  it('gives every operation exactly one tag and an explicit security list', () => {
    for (const { route, op } of allOperations(doc)) expect({ route, tags: op.tags?.length, security: Array.isArray(op.security) }).toEqual({ route, tags: 1, security: true });
    expect(JSON.stringify(doc)).not.toContain('EmailRecovery');
    const declared = (doc.tags as Json[]).map((tag) => tag.name);
    for (const { route, op } of allOperations(doc)) expect({ route, declared: declared.includes(op.tags[0]) }).toEqual({ route, declared: true });
  });

  it('declares public operations with security: [] and the rest with their schemes', () => {
    const security = Object.fromEntries(allOperations(doc).map(({ op }) => [op.operationId, op.security]));
    for (const id of ['signup', 'login', 'forgotPassword', 'resetPassword', 'confirmEmailVerification', 'confirmEmailChange', 'getJwks', 'getDiscovery', 'getReadiness', 'getLiveness', 'getMetrics']) {
      expect({ id, security: security[id] }).toEqual({ id, security: [] });
    }
    expect(security.refresh).toEqual([{ refreshCookie: [] }, {}]);
    expect(security.logout).toEqual(expect.arrayContaining([{ refreshCookie: [] }, { accessToken: [] }, {}]));
    for (const id of ['getMe', 'updateMe', 'deleteMe', 'changePassword', 'logoutAll', 'listSessions', 'revokeSession', 'listMyEvents', 'requestEmailChange', 'requestEmailVerification']) {
      expect({ id, security: security[id] }).toEqual({ id, security: [{ accessToken: [] }] });
    }
  });

  it('lists the edge answers on every operation that takes a body, and 400 on refresh and logout', () => {
    for (const { route, op } of allOperations(doc).filter(({ op }) => op.requestBody)) {
      expect({ route, statuses: ['400', '413', '415', '500'].filter((s) => op.responses[s]) }).toEqual({ route, statuses: ['400', '413', '415', '500'] });
      expect({ route, codes: Object.keys(op.responses['400'].content['application/problem+json'].examples) }).toEqual({ route, codes: expect.arrayContaining(['validation_failed', 'malformed_json']) });
      expect(doc.components.schemas[schemaNameOf(op.requestBody.content['application/json'].schema.$ref)].additionalProperties).toBe(false);
    }
    for (const path of ['/v1/auth/refresh', '/v1/auth/logout']) expect(doc.paths[path].post.requestBody.required).toBe(false);
  });

  it('documents X-Request-Id on every response, Retry-After on 429/503 problems and WWW-Authenticate on access-token 401s', () => {
    for (const { route, op } of allOperations(doc)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        expect({ route, status, requestId: Boolean(response.headers?.['X-Request-Id']) }).toEqual({ route, status, requestId: true });
        if (['429', '503'].includes(status) && route !== 'GET /health') expect({ route, status, retryAfter: Boolean(response.headers['Retry-After']) }).toEqual({ route, status, retryAfter: true });
      }
      if (op.responses['401'] && op.security.some((s: Json) => 'accessToken' in s)) expect({ route, wwwAuthenticate: Boolean(op.responses['401'].headers['WWW-Authenticate']) }).toEqual({ route, wwwAuthenticate: true });
    }
    for (const path of ['/v1/auth/signup', '/v1/auth/login', '/v1/auth/refresh']) {
      const ok = Object.entries(doc.paths[path].post.responses as Record<string, Json>).find(([status]) => status.startsWith('2'))![1];
      expect(Object.keys(ok.headers)).toEqual(expect.arrayContaining(['Set-Cookie', 'Cache-Control']));
    }
  });

  it('separates cookie-mode and bearer-mode answers, with refreshToken required in bearer mode', () => {
    const { LoginResponse, BearerLoginResponse, SignupPendingVerificationResponse } = doc.components.schemas;
    expect(BearerLoginResponse.required).toContain('refreshToken');
    expect(BearerLoginResponse.properties.refreshToken.pattern).toBeDefined();
    expect([LoginResponse.properties.refreshToken, LoginResponse.additionalProperties]).toEqual([undefined, false]);
    expect(SignupPendingVerificationResponse.required).toEqual(['user']);
    const oneOf = (path: string, status: string) => doc.paths[path].post.responses[status].content['application/json'].schema.oneOf.map((s: Json) => schemaNameOf(s.$ref));
    expect(oneOf('/v1/auth/login', '200')).toEqual(['LoginResponse', 'BearerLoginResponse', 'MfaRequiredResponse']);
    expect(oneOf('/v1/auth/mfa/verify', '200')).toEqual(['LoginResponse', 'BearerLoginResponse']);
    expect(oneOf('/v1/auth/refresh', '200')).toEqual(['LoginResponse', 'BearerLoginResponse']);
    expect(oneOf('/v1/auth/signup', '201')).toEqual(['LoginResponse', 'BearerLoginResponse', 'SignupPendingVerificationResponse']);
    const header = (path: string, name: string) => doc.paths[path].post.parameters.find((p: Json) => p.name === name)?.schema.enum;
    expect([header('/v1/auth/login', 'X-Auth-Mode'), header('/v1/auth/refresh', 'X-IdentSphere-CSRF')]).toEqual([['bearer'], ['1']]);
  });

  it('states the limits the server enforces', () => {
    const { SignupRequest, LoginRequest, RefreshRequest, User, Session } = doc.components.schemas;
    expect(SignupRequest.properties.email).toMatchObject({ format: 'email', maxLength: 254 });
    expect(SignupRequest.properties.password).toMatchObject({ minLength: 15, maxLength: 256 });
    expect(LoginRequest.properties.password.maxLength).toBe(256);
    expect(new RegExp(RefreshRequest.properties.refreshToken.pattern).test(EXAMPLE_REFRESH_TOKEN)).toBe(true);
    expect([User.properties.id.format, Session.properties.id.format]).toEqual(['uuid', 'uuid']);
    expect(doc.paths['/v1/me/sessions/{id}'].delete.parameters[0].schema.format).toBe('uuid');
    expect(JSON.stringify(doc)).not.toContain(NEW_PASSWORD_EXTENSION);
  });

  it('gives every schema property and every problem answer an example', () => {
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
      for (const [property, definition] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        expect({ name, property, example: definition.example !== undefined || Boolean(definition.$ref) || Boolean(definition.items?.$ref) }).toEqual({ name, property, example: true });
      }
    }
    for (const { route, op } of allOperations(doc)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>).filter(([s]) => Number(s) >= 400 && route !== 'GET /health')) {
        // Problem details, and beside them the OAuth endpoints' own application/json errors: each with examples.
        const media = Object.values((response.content ?? {}) as Record<string, Json>);
        expect({ route, status, examples: media.length > 0 && media.every((m) => Object.keys(m.examples ?? {}).length > 0) }).toEqual({ route, status, examples: true });
      }
    }
  });

  it('documents /health/live, the license and the contact, and bakes no localhost server in', () => {
    expect(schemaNameOf(doc.paths['/health/live'].get.responses['200'].content['application/json'].schema.$ref)).toBe('Liveness');
    expect(doc.info.license.name).toBeTruthy();
    expect(doc.info.contact.name).toBeTruthy();
    expect(doc.servers).toEqual([{ url: '/' }]);
  });
});

describe('OpenAPI document: follows the configuration', () => {
  it.each([
    [{}, 'identsphere_refresh'],
    [{ IDENTSPHERE_COOKIES_SECURE: 'true' }, '__Host-identsphere_refresh'],
    [{ IDENTSPHERE_COOKIES_SECURE: 'true', IDENTSPHERE_COOKIES_DOMAIN: 'example.com' }, '__Secure-identsphere_refresh'],
  ])('names the refresh cookie as the service sets it (%j: %s)', async (env, name) => {
    expect((await openApiDocumentFor(env)).components?.securitySchemes?.refreshCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name });
  });

  it('uses the configured password minimum, public URL and metrics token', async () => {
    const doc: Json = await openApiDocumentFor({ IDENTSPHERE_PASSWORD_MIN_LENGTH: '24', IDENTSPHERE_PUBLIC_BASE_URL: 'https://auth.example.com', IDENTSPHERE_METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
    for (const [schema, property] of [['SignupRequest', 'password'], ['ChangePasswordRequest', 'newPassword'], ['ResetPasswordRequest', 'newPassword']]) {
      expect(doc.components.schemas[schema].properties[property].minLength).toBe(24);
    }
    expect(doc.servers).toEqual([{ url: 'https://auth.example.com' }]);
    expect(doc.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }]);
    expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/metrics'].get.responses['401']).toBeDefined();
  });
});

describe('cli openapi', () => {
  it('writes the document without generating a secret, creating the data directory or connecting to a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'identsphere-openapi-cli-'));
    try {
      const dataDir = join(dir, 'data');
      const file = join(dir, 'openapi.json');
      const env = { NODE_ENV: 'test', IDENTSPHERE_DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' };
      expect(await runCli(['openapi', file], env, { out: () => undefined, err: () => undefined })).toBe(0);
      expect(existsSync(dataDir)).toBe(false);
      expect(readdirSync(dir)).toEqual(['openapi.json']);
      expect(JSON.parse(readFileSync(file, 'utf8')).servers).toEqual([{ url: '/' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
