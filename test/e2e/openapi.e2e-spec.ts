import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
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

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(t.server).get('/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
  });
});
