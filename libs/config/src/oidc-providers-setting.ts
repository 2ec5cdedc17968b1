import type { ConfigProblem } from './config-error';
import { canonicalDomains, EMAIL_DOMAIN_PATTERN, IDENTITY_PROVIDER_ID_PATTERN, issuerProblem, SCOPE_TOKEN_PATTERN } from './identity-provider-rules';

const VARIABLE = 'IDENTSPHERE_OIDC_PROVIDERS';

/** One entry of IDENTSPHERE_OIDC_PROVIDERS: a provider seeded at boot (managedBy 'env'). */
export interface OidcProviderSetting {
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly domains: readonly string[];
  readonly scopes: readonly string[];
  readonly enforceSso: boolean;
  readonly roleMapping: Readonly<Record<string, readonly string[]>>;
  readonly claims: { readonly email?: string; readonly name?: string; readonly groups?: string | null };
}

type Entry = Record<string, unknown>;
const KNOWN_KEYS = new Set(['id', 'name', 'issuer', 'clientId', 'clientSecret', 'domains', 'scopes', 'enforceSso', 'roleMapping', 'claims']);

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses IDENTSPHERE_OIDC_PROVIDERS. Every problem names the entry and field (`[1].issuer`), never a value:
 * the JSON holds client secrets, so not even a parse error's position text is echoed.
 */
export function parseOidcProviders(raw: string | undefined, isProduction: boolean): { providers: OidcProviderSetting[]; problems: ConfigProblem[] } {
  if (raw === undefined || raw.trim() === '') return { providers: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { providers: [], problems: [{ variable: VARIABLE, reason: 'must be valid JSON (an array of provider objects)' }] };
  }
  if (!Array.isArray(parsed)) return { providers: [], problems: [{ variable: VARIABLE, reason: 'must be a JSON array of provider objects' }] };
  const problems: ConfigProblem[] = [];
  const providers: OidcProviderSetting[] = [];
  parsed.forEach((entry, index) => {
    const reasons = isObject(entry) ? entryProblems(entry, isProduction) : ['must be an object'];
    problems.push(...reasons.map((reason) => ({ variable: `${VARIABLE}[${index}]`, reason })));
    if (reasons.length === 0) providers.push(toSetting(entry as Entry));
  });
  problems.push(...duplicates(providers));
  return { providers, problems };
}

function entryProblems(e: Entry, isProduction: boolean): string[] {
  const out: string[] = [];
  for (const key of Object.keys(e)) if (!KNOWN_KEYS.has(key)) out.push(`${key} is not a known field`);
  if (!isString(e.id) || !IDENTITY_PROVIDER_ID_PATTERN.test(e.id)) out.push('id must match ^[a-z0-9][a-z0-9-]{1,62}$');
  for (const field of ['name', 'clientId', 'clientSecret']) if (!isString(e[field])) out.push(`${field} must be a non-empty string`);
  const issuer = isString(e.issuer) ? issuerProblem(e.issuer, isProduction) : 'must be an absolute https URL';
  if (issuer) out.push(`issuer ${issuer}`);
  if (!isStringArray(e.domains) || !canonicalDomains(e.domains).every((d) => EMAIL_DOMAIN_PATTERN.test(d))) out.push('domains must be an array of domain names like acme.com');
  if (e.scopes !== undefined && (!isStringArray(e.scopes) || !e.scopes.every((s) => SCOPE_TOKEN_PATTERN.test(s)) || !e.scopes.includes('openid'))) {
    out.push('scopes must be an array of scope names including openid');
  }
  if (e.enforceSso !== undefined && typeof e.enforceSso !== 'boolean') out.push('enforceSso must be true or false');
  if (e.roleMapping !== undefined && !(isObject(e.roleMapping) && Object.values(e.roleMapping).every(isStringArray))) out.push('roleMapping must map group names to arrays of role names');
  if (e.claims !== undefined && !(isObject(e.claims) && Object.values(e.claims).every((v) => isString(v) || v === null))) out.push('claims must map email, name and groups to claim names');
  return out;
}

function toSetting(e: Entry): OidcProviderSetting {
  return {
    id: e.id as string,
    name: (e.name as string).trim(),
    issuer: e.issuer as string,
    clientId: e.clientId as string,
    clientSecret: e.clientSecret as string,
    domains: canonicalDomains(e.domains as string[]),
    scopes: (e.scopes as string[] | undefined) ?? ['openid', 'email', 'profile'],
    enforceSso: (e.enforceSso as boolean | undefined) ?? false,
    roleMapping: (e.roleMapping as Record<string, string[]> | undefined) ?? {},
    claims: (e.claims as OidcProviderSetting['claims'] | undefined) ?? {},
  };
}

/** Two entries with one id, or one domain claimed twice, would make the seed depend on array order. */
function duplicates(providers: readonly OidcProviderSetting[]): ConfigProblem[] {
  const ids = new Set<string>();
  const domains = new Set<string>();
  const out: ConfigProblem[] = [];
  for (const p of providers) {
    if (ids.has(p.id)) out.push({ variable: VARIABLE, reason: `lists the provider id ${p.id} more than once` });
    ids.add(p.id);
    for (const d of p.domains) {
      if (domains.has(d)) out.push({ variable: VARIABLE, reason: `gives the domain ${d} to more than one provider` });
      domains.add(d);
    }
  }
  return out;
}
