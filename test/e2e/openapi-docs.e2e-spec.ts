import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIELD_RULE_LIST, FIELD_RULES, PROBLEM_CODE_LIST, PROBLEM_CODES } from '@identsphere/common';
import { BODY_EDGE_CODES } from '../../apps/identsphere/src/openapi/refine-document';
import { openApiDocumentFor } from '../support/openapi-document';

type Json = any;

const DOC = readFileSync(resolve(__dirname, '../../docs/api.md'), 'utf8');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The lines of docs/api.md between a heading and the next heading of the same or a higher level. */
function section(heading: string): string[] {
  const lines = DOC.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

interface EndpointRow {
  readonly key: string;
  readonly auth: string;
  readonly success: string;
  readonly codes: string[];
}

function endpointRows(): EndpointRow[] {
  return DOC.split('\n').flatMap((line) => {
    const m = /^\| (GET|POST|PUT|PATCH|DELETE) (\S+) \| (\w+) \| ([^|]+) \| [^|]+ \| (\d{3})[^|]* \| ([^|]*) \|$/.exec(line);
    if (!m) return [];
    return [{ key: `${m[1]} ${m[2]} ${m[3]}`, auth: m[4].trim(), success: m[5], codes: [...m[6].matchAll(/`([a-z_]+)`/g)].map((c) => c[1]) }];
  });
}

function operations(doc: Json): Map<string, Json> {
  return new Map(
    Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path} ${item[m].operationId}`, item[m]] as const),
    ),
  );
}

const documentedCodes = (op: Json) =>
  Object.values(op.responses as Record<string, Json>).flatMap((response) => Object.keys(response.content?.['application/problem+json']?.examples ?? {}));

describe('docs/api.md matches the OpenAPI document', () => {
  let ops: Map<string, Json>;
  let doc: Json;
  // With a metrics token, so that /metrics documents its 401 as the table does.
  beforeAll(async () => {
    doc = await openApiDocumentFor({ IDENTSPHERE_METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
    ops = operations(doc);
  });

  it('lists exactly the operations of the document', () => {
    expect(endpointRows().map((r) => r.key).sort()).toEqual([...ops.keys()].sort());
  });

  it('gives each operation its success status, its auth and exactly its problem codes', () => {
    for (const row of endpointRows()) {
      const op = ops.get(row.key);
      // A redirect-only operation (the SSO browser routes) succeeds with its 302.
      const successes = Object.keys(op.responses).filter((s) => s.startsWith('2') || s.startsWith('3'));
      expect({ row: row.key, successes }).toEqual({ row: row.key, successes: [row.success] });
      if (row.auth === 'none') expect({ row: row.key, security: op.security }).toEqual({ row: row.key, security: [] });
      if (row.auth === 'access token') expect({ row: row.key, security: op.security }).toEqual({ row: row.key, security: [{ accessToken: [] }] });
      const edge = ['internal', ...(op.requestBody ? BODY_EDGE_CODES : [])];
      expect({ row: row.key, codes: [...new Set(documentedCodes(op))].sort() }).toEqual({ row: row.key, codes: [...new Set([...row.codes, ...edge])].sort() });
    }
  });

  it('has the code table of the service, with statuses and meanings', () => {
    const rows = section('### Codes').flatMap((line) => {
      const m = /^\| `([a-z_]+)` \| (\d{3}) \| (.+) \|$/.exec(line);
      return m ? [[m[1], Number(m[2]), m[3]]] : [];
    });
    expect(rows).toEqual(PROBLEM_CODE_LIST.map((code) => [code, PROBLEM_CODES[code].status, PROBLEM_CODES[code].meaning]));
    expect(doc.components.schemas.ProblemDetails.properties.code.enum).toEqual(PROBLEM_CODE_LIST);
  });

  it('has the rule table of the service', () => {
    const rows = section('### Rules').flatMap((line) => {
      const m = /^\| `([a-z_]+)` \| (.+) \|$/.exec(line);
      return m ? [[m[1], m[2]]] : [];
    });
    expect(rows).toEqual(FIELD_RULE_LIST.map((rule) => [rule, FIELD_RULES[rule]]));
    expect(doc.components.schemas.ProblemDetails.properties.errors.items.properties.rule.enum).toEqual(FIELD_RULE_LIST);
  });

  it('names every schema of the document', () => {
    const missing = Object.keys(doc.components.schemas).filter((name) => !DOC.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
