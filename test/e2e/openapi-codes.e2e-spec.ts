import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { FIELD_RULE_LIST, isFieldRule, isProblemCode, PROBLEM_CODE_LIST, PROBLEM_CODES } from '@identsphere/common';
import { CODE_BY_STATUS, STATUS_BY_KIND } from '../../apps/identsphere/src/http/problem-status';
import { fieldRuleOf } from '../../apps/identsphere/src/http/field-rules';
import { bearer, signup, uniqueEmail } from '../support/auth-factories';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const SOURCES = [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps'))].map((path) => ({ path: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }));

const matchesOf = (pattern: RegExp) => SOURCES.flatMap(({ path, text }) => [...text.matchAll(pattern)].map((m) => ({ path, values: m.slice(1) })));

describe('problem codes and field rules: one list, no drift', () => {
  it('lists every code a DomainError is raised with, at the status its kind maps to', () => {
    const raised = matchesOf(/new DomainError\(\s*'([^']+)',\s*'([^']+)'/g);
    expect(raised.length).toBeGreaterThan(10);
    const wrong = raised.filter(({ values: [code, kind] }) => !isProblemCode(code) || PROBLEM_CODES[code].status !== STATUS_BY_KIND[kind as keyof typeof STATUS_BY_KIND]);
    expect(wrong).toEqual([]);
  });

  it('lists every code the HTTP edge answers with', () => {
    const edge = matchesOf(/\bcode: '([a-z_]+)'/g).filter(({ path }) => path.startsWith('apps/'));
    expect(edge.length).toBeGreaterThan(3);
    expect(edge.filter(({ values: [code] }) => !isProblemCode(code))).toEqual([]);
    for (const [status, code] of Object.entries(CODE_BY_STATUS)) expect({ code, status: PROBLEM_CODES[code].status }).toEqual({ code, status: Number(status) });
  });

  it('lists every rule the code names', () => {
    const rules = [...matchesOf(/\brule: '([a-z_]+)'/g), ...matchesOf(/PasswordRule =([^;]+);/g).flatMap(({ path, values: [union] }) => [...union.matchAll(/'([a-z_]+)'/g)].map((m) => ({ path, values: [m[1]] })))];
    expect(rules.length).toBeGreaterThan(3);
    expect(rules.filter(({ values: [rule] }) => !isFieldRule(rule))).toEqual([]);
  });

  it('maps validator constraint names to our rules, and anything unknown to invalid_format', () => {
    expect(['isEmail', 'maxLength', 'minLength', 'isString', 'whitelistValidation', 'isNotEmpty', 'isUuid', 'min', 'max', 'isInt'].map(fieldRuleOf)).toEqual([
      'invalid_email',
      'too_long',
      'too_short',
      'invalid_type',
      'unknown_property',
      'required',
      'invalid_uuid',
      'out_of_range',
      'out_of_range',
      'invalid_type',
    ]);
    expect(fieldRuleOf('someFutureConstraint')).toBe('invalid_format');
    for (const rule of FIELD_RULE_LIST) expect(fieldRuleOf(rule)).toBe(rule);
  });

  it('has no duplicate codes and only error statuses', () => {
    expect(new Set(PROBLEM_CODE_LIST).size).toBe(PROBLEM_CODE_LIST.length);
    for (const code of PROBLEM_CODE_LIST) expect(PROBLEM_CODES[code].status).toBeGreaterThanOrEqual(400);
  });
});

describe('validation answers name only documented rules', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const rulesOf = (body: { code: string; errors?: Array<{ rule: string }> }) => (body.errors ?? []).map((e) => e.rule);

  it.each([
    ['a missing field', { password: 'x'.repeat(20) }, 'required'],
    ['a number for a string', { email: 42, password: 'x'.repeat(20) }, 'invalid_type'],
    ['a malformed email', { email: 'not-an-email', password: 'x'.repeat(20) }, 'invalid_email'],
    ['an over-long email', { email: `${'a'.repeat(250)}@example.com`, password: 'x'.repeat(20) }, 'too_long'],
    ['an unknown property', { email: 'a@example.com', password: 'x'.repeat(20), isAdmin: true }, 'unknown_property'],
  ])('signup with %s answers validation_failed (body %j, rule %s)', async (_what, body, rule) => {
    const res = await request(t.server).post('/v1/auth/signup').send(body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(rulesOf(res.body)).toContain(rule);
    expect(rulesOf(res.body).filter((r) => !isFieldRule(r))).toEqual([]);
  });

  it('a body that is not an object is invalid_type; a bad query value is out_of_range or invalid_format', async () => {
    expect(rulesOf((await request(t.server).post('/v1/auth/login').send([1, 2]).expect(400)).body)).toEqual(['invalid_type']);
    const s = await signup(t.server, { email: uniqueEmail() });
    expect(rulesOf((await request(t.server).get('/v1/me/events?limit=1000').set(bearer(s.accessToken)).expect(400)).body)).toContain('out_of_range');
    expect(rulesOf((await request(t.server).get('/v1/me/events?cursor=nonsense').set(bearer(s.accessToken)).expect(400)).body)).toEqual(['invalid_format']);
  });
});
