import { CommonErrors, FieldError, FieldRule } from '@identsphere/common';
import { canonicalDomains, EMAIL_DOMAIN_PATTERN, IDENTITY_PROVIDER_ID_PATTERN, issuerProblem, SCOPE_TOKEN_PATTERN } from '@identsphere/config';
import { DEFAULT_CLAIMS, DEFAULT_SCOPES, IdentityProviderInput, ProviderManager } from './identity-provider';
import type { ProviderRecord } from './persistence/identity-providers.repository';

/** A role name, as libs/admin's ROLE_PATTERN (the same rule; the role travels in access tokens). */
const ROLE_PATTERN = /^[a-z][a-z0-9_.:-]{0,63}$/;
const CLAIM_PATTERN = /^[\x21-\x7E]{1,128}$/;
/** Bounds what one login evaluates and what one access token carries. */
export const MAX_DOMAINS = 100;
export const MAX_SCOPES = 20;
export const MAX_MAPPED_GROUPS = 100;
export const MAX_MAPPED_ROLES = 32;

/** The provider's settings, normalised, with its secret still in plain text (the caller seals it). */
export type ProviderSettings = Omit<ProviderRecord, 'clientSecretSealed'> & { readonly clientSecret: string | null };

/**
 * Checks and normalises a provider's settings (the API's and the environment's alike). Every problem is
 * reported at once, by field; a value is never echoed (the secret is among them).
 * `keepSecret`: on a replacement, an absent clientSecret keeps the stored one.
 */
export function providerSettings(input: IdentityProviderInput, context: { isProduction: boolean; managedBy: ProviderManager; keepSecret?: boolean }): ProviderSettings {
  const errors: FieldError[] = [];
  const fail = (field: string, rule: FieldRule, message: string) => errors.push({ field, rule, message });
  if (!IDENTITY_PROVIDER_ID_PATTERN.test(input.id)) fail('id', 'invalid_format', 'must match ^[a-z0-9][a-z0-9-]{1,62}$');
  if (input.name.trim() === '' || input.name.length > 100) fail('name', 'invalid_format', 'must be 1 to 100 characters');
  const issuer = issuerProblem(input.issuer, context.isProduction);
  if (issuer) fail('issuer', 'invalid_format', issuer);
  if (input.clientId.trim() === '' || input.clientId.length > 255) fail('clientId', 'invalid_format', 'must be 1 to 255 characters');
  const authMethod = input.authMethod ?? 'client_secret_basic';
  const secret = input.clientSecret ?? null;
  // private_key_jwt signs with our ClientAssertionKey: a secret sent with it would be stored and never used.
  if (authMethod === 'private_key_jwt' && secret !== null) fail('clientSecret', 'invalid_format', 'must be absent with private_key_jwt');
  if (authMethod !== 'private_key_jwt' && secret === null && !context.keepSecret) fail('clientSecret', 'required', 'is required for client_secret_basic and client_secret_post');
  if (authMethod !== 'private_key_jwt' && secret !== null && (secret.length === 0 || secret.length > 1024)) fail('clientSecret', 'invalid_format', 'must be 1 to 1024 characters');
  const scopes = [...new Set(input.scopes ?? DEFAULT_SCOPES)];
  if (!scopes.includes('openid')) fail('scopes', 'invalid_format', 'must include openid');
  if (scopes.length > MAX_SCOPES || !scopes.every((s) => SCOPE_TOKEN_PATTERN.test(s))) fail('scopes', 'invalid_format', `must be at most ${MAX_SCOPES} scope names`);
  const domains = canonicalDomains(input.domains ?? []);
  if (domains.length > MAX_DOMAINS || !domains.every((d) => EMAIL_DOMAIN_PATTERN.test(d))) fail('domains', 'invalid_format', `must be at most ${MAX_DOMAINS} domain names like acme.com`);
  // Field by field: a DTO instance carries absent fields as present-but-undefined, which a spread would copy.
  const claims = { email: input.claims?.email ?? DEFAULT_CLAIMS.email, name: input.claims?.name ?? DEFAULT_CLAIMS.name, groups: input.claims?.groups ?? DEFAULT_CLAIMS.groups };
  for (const key of ['email', 'name'] as const) if (!CLAIM_PATTERN.test(claims[key])) fail(`claims.${key}`, 'invalid_format', 'must be a claim name');
  if (claims.groups !== null && !CLAIM_PATTERN.test(claims.groups)) fail('claims.groups', 'invalid_format', 'must be a claim name or null');
  const roleMapping = canonicalRoleMapping(input.roleMapping ?? {});
  if (!roleMapping) fail('roleMapping', 'invalid_format', `must map at most ${MAX_MAPPED_GROUPS} group values to at most ${MAX_MAPPED_ROLES} role names each (^[a-z][a-z0-9_.:-]{0,63}$)`);
  if (errors.length) throw CommonErrors.validationFailed(errors);
  return {
    id: input.id,
    name: input.name.trim(),
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecret: secret,
    authMethod,
    scopes,
    domains,
    enforceSso: input.enforceSso ?? false,
    claims,
    roleMapping: roleMapping ?? {},
    managedBy: context.managedBy,
  };
}

/** Each group's roles once, sorted; null when a group or role breaks the rules. */
function canonicalRoleMapping(mapping: Readonly<Record<string, readonly string[]>>): Record<string, string[]> | null {
  const entries = Object.entries(mapping);
  if (entries.length > MAX_MAPPED_GROUPS) return null;
  const out: Array<[string, string[]]> = [];
  for (const [group, roles] of entries) {
    if (group.length === 0 || group.length > 256 || !Array.isArray(roles) || roles.length > MAX_MAPPED_ROLES) return null;
    if (!roles.every((r) => typeof r === 'string' && ROLE_PATTERN.test(r))) return null;
    out.push([group, [...new Set(roles)].sort()]);
  }
  // fromEntries defines own properties, so a group named `__proto__` stays a group, not a prototype.
  return Object.fromEntries(out);
}
