export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type ProviderAuthMethod = (typeof AUTH_METHODS)[number];
export type ProviderManager = 'api' | 'env';

/** Which claims of the provider's ID token / userinfo carry what we need (claim names, not values). */
export interface ClaimMapping {
  readonly email: string;
  readonly name: string;
  /** null: the provider sends no groups, so no role mapping applies. */
  readonly groups: string | null;
}

/** An OpenID Connect provider as configured: never its client secret (ask `IdentityProviders.clientSecret`). */
export interface IdentityProvider {
  /** ^[a-z0-9][a-z0-9-]{1,62}$: appears in URLs (`?provider=`) and audit rows. */
  readonly id: string;
  readonly name: string;
  /** https, or http on a loopback host outside production. Discovery is fetched lazily, at first login. */
  readonly issuer: string;
  readonly clientId: string;
  readonly authMethod: ProviderAuthMethod;
  /** Always includes 'openid'. */
  readonly scopes: readonly string[];
  /** Lower-case; a domain belongs to at most one provider. */
  readonly domains: readonly string[];
  /** Password login and signup for these domains answer 403 sso_required. */
  readonly enforceSso: boolean;
  readonly claims: ClaimMapping;
  /** Group value → our roles, applied at each SSO login. */
  readonly roleMapping: Readonly<Record<string, readonly string[]>>;
  /** 'env': seeded from IDENTSPHERE_OIDC_PROVIDERS, read-only through the API. */
  readonly managedBy: ProviderManager;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const DEFAULT_SCOPES: readonly string[] = ['openid', 'email', 'profile'];
export const DEFAULT_CLAIMS: ClaimMapping = { email: 'email', name: 'name', groups: null };

/** What a create or a full replacement (PUT) takes; defaults are applied by IdentityProviders. */
export interface IdentityProviderInput {
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  /** Required unless authMethod is private_key_jwt; on update, undefined keeps the stored one. */
  readonly clientSecret?: string;
  readonly authMethod?: ProviderAuthMethod;
  readonly scopes?: readonly string[];
  readonly domains?: readonly string[];
  readonly enforceSso?: boolean;
  readonly claims?: Partial<ClaimMapping>;
  readonly roleMapping?: Readonly<Record<string, readonly string[]>>;
}
