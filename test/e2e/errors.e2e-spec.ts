import { Body, Controller, DynamicModule, Global, HttpCode, LoggerService, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Min, MinLength } from 'class-validator';
import request from 'supertest';
import { AppConfig, ConfigModule, loadConfig } from '@identsphere/config';
import { DatabaseConnector } from '@identsphere/database';
import { createRootLogger, ObservabilityModule, TelemetryModule } from '@identsphere/observability';
import { configureApp } from '../../apps/identsphere/src/http/configure-app';
import { TEST_JWT_SECRET } from '../support/test-app';

// Real body routes are written concurrently elsewhere; this module exercises the same HTTP edge
// (configureApp: request ids, JSON-only bodies, size limit, validation pipe, problem-details filter)
// with routes whose behaviour the test controls.
const INTERNAL_DETAIL = 'pool exhausted at db-internal-7Qx.example:5432';

class GreetingDto {
  @IsString() @MinLength(2) name: string;
  @IsOptional() @IsInt() @Min(1) times?: number;
}

@Controller('probe')
class ProbeController {
  @Post('greet')
  greet(@Body() dto: GreetingDto) {
    return { greeting: `hello ${dto.name}`.slice(0, 20), times: dto.times ?? 1 };
  }

  @Post('crash')
  crash(): never {
    throw new Error(INTERNAL_DETAIL);
  }

  @Post('bodiless')
  @HttpCode(204)
  bodiless(): void {}
}

/** No database here: the telemetry that configureApp installs only asks the connector for pool gauges. */
@Global()
@Module({ providers: [{ provide: DatabaseConnector, useValue: { isReady: false, poolStats: () => null } }], exports: [DatabaseConnector] })
class NoDatabaseModule {}

@Module({ controllers: [ProbeController] })
class ProbeModule {
  /** The probe routes plus the providers configureApp takes from the app (config, request telemetry). */
  static register(config: AppConfig): DynamicModule {
    const quietLogger = createRootLogger({ level: 'error', destination: { write: () => undefined } });
    return {
      module: ProbeModule,
      imports: [ConfigModule.forRoot(config), NoDatabaseModule, ObservabilityModule, TelemetryModule.forRoot({ logger: quietLogger })],
    };
  }
}

/** Keeps what the app logs so the test can check that a 500 was logged with its request id. */
class CapturingLogger implements LoggerService {
  readonly errors: string[] = [];
  log() {}
  warn() {}
  debug() {}
  verbose() {}
  error(...parts: unknown[]) {
    this.errors.push(parts.map(String).join(' '));
  }
}

const PROBLEM_JSON = /^application\/problem\+json/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HTTP edge error mapping', () => {
  let app: INestApplication;
  let server: ReturnType<INestApplication['getHttpServer']>;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'postgres://unused@127.0.0.1:1/none' });
    app = await NestFactory.create(ProbeModule.register(config), { bodyParser: false, logger, abortOnError: false });
    configureApp(app, config);
    await app.init();
    server = app.getHttpServer();
  });
  afterAll(() => app.close());

  it('accepts a valid JSON body', async () => {
    const res = await request(server).post('/probe/greet').send({ name: 'Ada', times: 2 }).expect(201);
    expect(res.body).toEqual({ greeting: 'hello Ada', times: 2 });
  });

  it('answers an invalid body with 400 validation_failed listing field, message and rule', async () => {
    const res = await request(server).post('/probe/greet').send({ name: 5, times: 0 }).expect(400).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
    for (const error of res.body.errors) expect(error).toEqual({ field: expect.any(String), message: expect.any(String), rule: expect.any(String) });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', rule: 'invalid_type' }),
        expect.objectContaining({ field: 'times', rule: 'out_of_range' }),
      ]),
    );
  });

  it('rejects unknown body properties with 400 validation_failed', async () => {
    const res = await request(server).post('/probe/greet').send({ name: 'Ada', isAdmin: true }).expect(400).expect('Content-Type', PROBLEM_JSON);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'isAdmin', rule: 'unknown_property' })]);
  });

  it('rejects a JSON array where an object is expected with 400 validation_failed', async () => {
    const res = await request(server).post('/probe/greet').send([{ name: 'Ada' }]).expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await request(server).post('/probe/greet').set('Content-Type', 'application/json').send('{"name": "Ada"').expect(400).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_json' });
  });

  it('accepts a body just under 64 KiB', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(64 * 1024 - 100) });
    await request(server).post('/probe/greet').set('Content-Type', 'application/json').send(body).expect(201);
  });

  it('answers a body over 64 KiB with 413', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(64 * 1024 + 1) });
    const res = await request(server).post('/probe/greet').set('Content-Type', 'application/json').send(body).expect(413).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it.each([
    ['text/plain', 'name=Ada'],
    ['application/x-www-form-urlencoded', 'name=Ada'],
    ['application/xml', '<name>Ada</name>'],
  ])('answers a %s body with 415', async (type, body) => {
    const res = await request(server).post('/probe/greet').set('Content-Type', type).send(body).expect(415).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('answers a body without any Content-Type with 415', async () => {
    const res = await request(server).post('/probe/greet').set('Content-Length', '12').send(Buffer.from('{"name":"A"}')).expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('accepts a POST with no body and no Content-Type', async () => {
    const res = await request(server).post('/probe/bodiless').expect(204);
    expect(res.headers['content-type']).toBeUndefined();
  });

  it('validates a missing body on a body route as 400 validation_failed, not 415', async () => {
    const res = await request(server).post('/probe/greet').expect(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('answers an unknown route with 404 not_found', async () => {
    const res = await request(server).get('/no/such/route').expect(404).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers an unexpected error with 500 internal carrying the request id and no internals, and logs it', async () => {
    const res = await request(server).post('/probe/crash').expect(500).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toEqual({
      type: expect.any(String),
      title: expect.any(String),
      status: 500,
      detail: expect.any(String),
      code: 'internal',
      requestId: res.headers['x-request-id'],
    });
    expect(res.text).not.toContain('db-internal-7Qx');
    expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
    expect(logger.errors.some((line) => line.includes(res.headers['x-request-id']))).toBe(true);
  });

  it('shapes every problem as RFC 9457 with a stable code', async () => {
    const res = await request(server).get('/no/such/route').expect(404);
    expect(res.body).toEqual({
      type: expect.any(String),
      title: expect.any(String),
      status: 404,
      detail: expect.any(String),
      code: 'not_found',
      requestId: expect.any(String),
    });
  });

  describe('X-Request-Id', () => {
    it('echoes a sane client request id, on success and on error', async () => {
      await request(server).post('/probe/greet').set('X-Request-Id', 'req-42.a:b_c').send({ name: 'Ada' }).expect(201).expect('X-Request-Id', 'req-42.a:b_c');
      const res = await request(server).get('/nope').set('X-Request-Id', 'trace-0001').expect(404).expect('X-Request-Id', 'trace-0001');
      expect(res.body.requestId).toBe('trace-0001');
    });

    it('generates one when the client sends none', async () => {
      const res = await request(server).post('/probe/bodiless').expect(204);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it.each([
      ['too long', 'a'.repeat(129)],
      ['with spaces', 'two words'],
      ['with markup', '<script>x</script>'],
    ])('replaces one that is %s', async (_what, sent) => {
      const res = await request(server).get('/nope').set('X-Request-Id', sent).expect(404);
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('gives different requests different ids', async () => {
      const [a, b] = await Promise.all([request(server).get('/nope'), request(server).get('/nope')]);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });
});
