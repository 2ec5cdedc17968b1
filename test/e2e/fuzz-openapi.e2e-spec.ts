import { Agent, request as httpRequest } from 'node:http';
import { BEARER_MODE, CSRF_HEADER, bearer, signup, startAuthApp } from '../support/auth-factories';
import { LogCapture } from '../support/log-capture';
import type { TestApp } from '../support/test-app';

/**
 * Every operation of our own OpenAPI document gets a bounded, seeded set of hostile inputs, anonymously,
 * with a bearer token and in cookie mode; none may answer 5xx or log a stack trace.
 */

interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly bodyProps: readonly string[];
  /** The access-token guard answers 401 before anything reads an anonymous caller's input. */
  readonly requiresAccessToken: boolean;
}

interface Probe {
  readonly label: string;
  readonly path?: string;
  readonly body?: Buffer;
  readonly contentType?: string;
}

interface Answer {
  readonly status: number;
}

/** mulberry32: a tiny seeded generator, so every run sends exactly the same inputs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(0x1d5fe7e);
const NASTY_CHARACTERS = ['"', '\\', '\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '\ud83e', '\udd8a', '🦊', 'é', '<', '>', "'", '%', '$', '{', '}', '[', ']', ' ', 'a', 'Z', '9', '@', '.'];
const randomText = (length: number) => Array.from({ length }, () => NASTY_CHARACTERS[Math.floor(random() * NASTY_CHARACTERS.length)]).join('');
const randomUuid = () => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

const WRONG_TYPES: readonly unknown[] = [0, -1, 1.5, 1e308, true, null, [], ['a'], {}, { x: 1 }, '', ' '];
const CONTROL_TEXTS = ['\u0000', 'a\u0007b', '\u001b[2J', '\ud800', 'a\u0085', 'line\nbreak'];
const HUGE_TEXT = 'x'.repeat(60 * 1024);
const DEPTH = 3_000;
const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]);
const GARBAGE_PATH_VALUES = ['not-a-uuid', "'%20OR%201=1--", '%00', '%ff%fe', 'a'.repeat(1_000), '..%2F..%2Fetc', '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ'];
const GARBAGE_QUERY_VALUES = ['-1', '0', 'abc', '1e999', '%00', '%ff', 'x'.repeat(2_000), '%5B%5D'];

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const text = (value: string) => Buffer.from(value, 'utf8');

function sampleValue(schema: any): unknown {
  if (schema?.format === 'email') return 'fuzz-target@example.com';
  if (schema?.type === 'integer' || schema?.type === 'number') return 1;
  if (schema?.type === 'boolean') return true;
  return 'fuzz-value-0123456789';
}

function operationsOf(doc: any): { operations: Operation[]; samples: Map<string, Record<string, unknown>> } {
  const operations: Operation[] = [];
  const samples = new Map<string, Record<string, unknown>>();
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: any[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p));
      const schema = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      const properties = propertiesOf(doc, schema);
      const id = op.operationId ?? `${method} ${path}`;
      samples.set(id, Object.fromEntries(Object.entries<any>(properties).map(([name, s]) => [name, sampleValue(resolve(doc, s))])));
      operations.push({
        id,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: Object.keys(properties),
        requiresAccessToken: requiresCredentials(op.security ?? doc.security ?? []),
      });
    }
  }
  return { operations, samples };
}

/** No alternative of the operation's security requirements is empty (an empty one means "or none"). */
const requiresCredentials = (security: object[]) => security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);

function resolve(doc: any, node: any): any {
  if (!node?.$ref) return node;
  return resolve(doc, node.$ref.replace(/^#\//, '').split('/').reduce((at: any, key: string) => at?.[key], doc));
}

/** A body's properties, also when the schema offers alternatives (bearer and cookie mode). */
function propertiesOf(doc: any, schema: any): Record<string, unknown> {
  if (!schema) return {};
  const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])].map((s: any) => propertiesOf(doc, resolve(doc, s)));
  return Object.assign({}, ...alternatives, schema.properties ?? {});
}

function wholeBodyProbes(sample: Record<string, unknown>): Probe[] {
  const first = Object.keys(sample)[0] ?? 'field';
  const sampleText = JSON.stringify(sample).slice(1, -1);
  return [
    { label: 'sample body', body: json(sample) },
    { label: 'empty body', body: Buffer.alloc(0) },
    { label: 'whitespace body', body: text('  ') },
    ...['[]', '"x"', '1', 'null', 'true', '{}'].map((value) => ({ label: `non-object ${value}`, body: text(value) })),
    ...['{', '{"a":}', 'nul', '{"a":1,}', '\u0000'].map((value) => ({ label: `malformed ${JSON.stringify(value)}`, body: text(value) })),
    { label: `arrays nested ${DEPTH} deep`, body: text(`{"${first}":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`) },
    { label: `objects nested ${DEPTH} deep`, body: text(`${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`) },
    { label: 'unclosed nesting', body: text('['.repeat(DEPTH * 10)) },
    { label: '__proto__ key', body: text(`{"__proto__":{"admin":true,"roles":["admin"]}${sampleText ? ',' + sampleText : ''}}`) },
    { label: 'constructor.prototype keys', body: text(`{"constructor":{"prototype":{"admin":true}}${sampleText ? ',' + sampleText : ''}}`) },
    { label: 'prototype key', body: text(`{"prototype":{"x":1}${sampleText ? ',' + sampleText : ''}}`) },
    { label: 'duplicate keys', body: text(`{${sampleText ? sampleText + ',' : ''}"${first}":{"nested":[1]},"${first}":"again"}`) },
    { label: 'invalid UTF-8 in a value', body: Buffer.concat([text(`{"${first}":"`), INVALID_UTF8, text('"}')]) },
    { label: 'invalid UTF-8 body', body: INVALID_UTF8 },
    { label: 'text/plain body', body: json(sample), contentType: 'text/plain' },
    { label: 'latin1 body', body: json(sample), contentType: 'application/json; charset=latin1' },
    { label: 'utf-16 body', body: Buffer.from(JSON.stringify(sample), 'utf16le'), contentType: 'application/json; charset=utf-16' },
  ];
}

function propertyProbes(sample: Record<string, unknown>, props: readonly string[]): Probe[] {
  const withValue = (prop: string, value: unknown) => json({ ...sample, [prop]: value });
  return props.flatMap((prop) => [
    ...WRONG_TYPES.map((value) => ({ label: `${prop}=${JSON.stringify(value)}`, body: withValue(prop, value) })),
    ...CONTROL_TEXTS.map((value) => ({ label: `${prop} with ${JSON.stringify(value)}`, body: withValue(prop, value) })),
    { label: `${prop} of 60 KiB`, body: withValue(prop, HUGE_TEXT) },
    ...[16, 300].map((length) => ({ label: `${prop} random text of ${length}`, body: withValue(prop, randomText(length)) })),
  ]);
}

function pathProbes(op: Operation): Probe[] {
  if (op.pathParams.length === 0) return [];
  return [...GARBAGE_PATH_VALUES, randomUuid()].map((value) => ({ label: `path ${value.slice(0, 40)}`, path: fillPath(op, value) }));
}

function queryProbes(op: Operation): Probe[] {
  return op.queryParams.flatMap((name) => [
    ...GARBAGE_QUERY_VALUES.map((value) => ({ label: `query ${name}=${value.slice(0, 40)}`, path: `${op.path}?${name}=${value}` })),
    { label: `query ${name}[]`, path: `${op.path}?${name}[]=1&${name}[]=2` },
    { label: `query ${name}[a]`, path: `${op.path}?${name}[a]=b` },
    { label: `query ${name} twice`, path: `${op.path}?${name}=1&${name}=2` },
  ]);
}

const fillPath = (op: Operation, value: string) => op.pathParams.reduce((path, name) => path.replace(`{${name}}`, value), op.path);

function send(baseUrl: string, agent: Agent, method: string, path: string, headers: Record<string, string>, probe: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = probe.body;
    const allHeaders: Record<string, string> = { ...headers };
    if (body !== undefined) {
      allHeaders['Content-Type'] = probe.contentType ?? 'application/json';
      allHeaders['Content-Length'] = String(body.length);
    }
    const req = httpRequest(`${baseUrl}${path}`, { method, headers: allHeaders, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile input on every documented operation', () => {
  const logs = new LogCapture();
  let t: TestApp;
  let doc: any;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    t = await startAuthApp({
      listen: true,
      logDestination: logs,
      env: { IDENTSPHERE_ARGON2_MEMORY_KIB: '8192', IDENTSPHERE_ARGON2_ITERATIONS: '1', IDENTSPHERE_LOG_LEVEL: 'warn' },
    });
    doc = await (await fetch(`${t.baseUrl}/openapi.json`)).json();
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  type Caller = { readonly name: string; readonly headers: Record<string, string> };
  let current: Caller[] = [];

  const isLive = async (caller: Caller) =>
    caller.name === 'anonymous' || (await send(t.baseUrl, agent, 'GET', '/v1/me', { Authorization: caller.headers.Authorization }, { label: 'liveness' })).status === 200;

  /** The same identities while they last; fresh ones once an operation (logout, deletion...) ended them. */
  async function callers(): Promise<Caller[]> {
    if (current.length > 0 && (await Promise.all(current.map(isLive))).every(Boolean)) return current;
    const bearerUser = await signup(t.baseUrl, { mode: 'bearer' });
    const cookieUser = await signup(t.baseUrl);
    current = [
      { name: 'anonymous', headers: {} },
      { name: 'bearer', headers: { ...bearer(bearerUser.accessToken), ...BEARER_MODE } },
      { name: 'cookie', headers: { ...bearer(cookieUser.accessToken), ...CSRF_HEADER, Cookie: cookieUser.cookieHeader } },
    ];
    return current;
  }

  it('never answers 5xx and never logs a stack trace', async () => {
    const { operations, samples } = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(10);
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      const sample = samples.get(op.id) ?? {};
      const validPath = fillPath(op, randomUuid());
      const probes = [...pathProbes(op), ...queryProbes(op), ...wholeBodyProbes(sample), ...propertyProbes(sample, op.bodyProps)];
      for (const caller of await callers()) {
        const reachable = caller.name === 'anonymous' && op.requiresAccessToken ? wholeBodyProbes(sample) : probes;
        for (const probe of reachable) {
          const answer = await send(t.baseUrl, agent, op.method, probe.path ?? validPath, caller.headers, probe).catch((error: Error) => ({ status: -1, error }));
          sent++;
          if (answer.status >= 500 || answer.status < 0) failures.push(`${op.id} (${op.method} ${op.path}) as ${caller.name}, ${probe.label}: ${answer.status}`);
        }
      }
    }
    expect(sent).toBeGreaterThan(1_000);
    const traces = logs.raw
      .split('\n')
      .filter((line) => /\\n\s+at \S/.test(line) || /"stack"/.test(line))
      .map((line) => line.slice(0, 400));
    expect({ failures, traces }).toEqual({ failures: [], traces: [] });
  }, 120_000);
});
