import { Injectable, Logger } from '@nestjs/common';
import { CommonErrors } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { TransactionHost } from '@identsphere/database';
import type { IdentityProvider, IdentityProviderInput, ProviderManager } from './identity-provider';
import { IdentityErrors } from './identities.errors';
import { IdentitySecretCipher } from './identity-secret-cipher';
import { IdentityProvidersRepository } from './persistence/identity-providers.repository';
import { providerSettings, ProviderSettings } from './provider-settings';

/**
 * The configured OpenID Connect providers: what the SSO flows read (get, forDomain, clientSecret) and what
 * the admin API and the environment seed write. Writes join the caller's transaction (the admin flow records
 * its security event in it). Log lines name providers by id, never a secret.
 */
@Injectable()
export class IdentityProviders {
  private readonly logger = new Logger('IdentityProviders');

  constructor(
    private readonly repository: IdentityProvidersRepository,
    private readonly cipher: IdentitySecretCipher,
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  get(id: string): Promise<IdentityProvider | null> {
    return this.repository.find(id);
  }

  /** The provider that owns the email domain (`acme.com`), for home-realm discovery and enforceSso. */
  forDomain(domain: string): Promise<IdentityProvider | null> {
    return this.repository.findByDomain(domain.trim().toLowerCase());
  }

  /** Unsealed, for the token request only; null for an unknown provider or one without a secret. */
  async clientSecret(id: string): Promise<string | null> {
    const sealed = await this.repository.sealedSecret(id);
    return sealed ? this.cipher.open(sealed) : null;
  }

  list(): Promise<IdentityProvider[]> {
    return this.repository.list();
  }

  async create(input: IdentityProviderInput, actorId: string): Promise<IdentityProvider> {
    const settings = this.check(input, 'api');
    const created = await this.tx.run(async () => {
      if (!(await this.repository.insert({ ...settings, clientSecretSealed: this.seal(settings) }))) throw IdentityErrors.providerExists();
      await this.claimDomains(settings);
      return this.mustFind(settings.id);
    });
    this.logger.log(`identity provider created id=${created.id} by=${actorId}`);
    return created;
  }

  /** A full replacement (PUT); an absent clientSecret keeps the stored one. Env-managed providers are read-only here. */
  async replace(id: string, input: Omit<IdentityProviderInput, 'id'>, actorId: string): Promise<IdentityProvider> {
    const replaced = await this.tx.run(async () => {
      await this.apiManaged(id);
      const settings = this.check({ ...input, id }, 'api', true);
      const sealed = await this.sealedReplacement(id, settings);
      await this.repository.replace({ ...settings, clientSecretSealed: sealed });
      await this.claimDomains(settings);
      return this.mustFind(id);
    });
    this.logger.log(`identity provider updated id=${id} by=${actorId}`);
    return replaced;
  }

  /** Deletes the provider with its domains and linked identities (users keep their accounts). */
  async delete(id: string, actorId: string): Promise<IdentityProvider> {
    const deleted = await this.tx.run(async () => {
      const provider = await this.apiManaged(id);
      await this.repository.delete(id);
      return provider;
    });
    this.logger.log(`identity provider deleted id=${id} by=${actorId}`);
    return deleted;
  }

  /**
   * Makes the env-managed providers exactly IDENTSPHERE_OIDC_PROVIDERS: upserts each (taking over an id the
   * API created, since the environment is the declared source of truth) and deletes env-managed ones no
   * longer listed. One transaction under an advisory lock, so instances booting together seed once each in
   * turn and never interleave. Runs at every boot, so a changed secret or domain list takes effect on deploy.
   * Throws (failing the boot) when a listed domain belongs to an API provider.
   */
  async seedFromEnvironment(): Promise<{ upserted: string[]; removed: string[] }> {
    return this.tx.run(async () => {
      await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('identsphere:oidc-provider-seed'))`);
      const listed = this.config.oidcProviders.map((s) => this.check({ ...s, authMethod: 'client_secret_basic' }, 'env'));
      const ids = new Set(listed.map((s) => s.id));
      // Stale ones go first and the rest release their domains, so a domain may move between env providers.
      const removed: string[] = [];
      for (const { id } of await this.repository.list('env')) {
        if (ids.has(id)) await this.repository.claimDomains(id, []);
        else if (await this.repository.delete(id)) removed.push(id);
      }
      for (const settings of listed) {
        const record = { ...settings, clientSecretSealed: this.seal(settings) };
        if (!(await this.repository.insert(record))) await this.repository.replace(record);
        await this.claimDomains(settings, 'IDENTSPHERE_OIDC_PROVIDERS: ');
      }
      return { upserted: [...ids], removed };
    });
  }

  private check(input: IdentityProviderInput, managedBy: ProviderManager, keepSecret = false): ProviderSettings {
    return providerSettings(input, { isProduction: this.config.isProduction, managedBy, keepSecret });
  }

  /**
   * The secret a replacement stores: none for private_key_jwt (a switch to it drops the old one), the new one
   * when sent, else the stored one, which a switch away from private_key_jwt does not have: then it is required.
   */
  private async sealedReplacement(id: string, settings: ProviderSettings): Promise<string | null> {
    if (settings.authMethod === 'private_key_jwt') return null;
    const sealed = settings.clientSecret === null ? await this.repository.sealedSecret(id) : this.seal(settings);
    if (!sealed) throw CommonErrors.validationFailed([{ field: 'clientSecret', rule: 'required', message: 'is required for client_secret_basic and client_secret_post' }]);
    return sealed;
  }

  private seal(settings: ProviderSettings): string | null {
    return settings.clientSecret === null ? null : this.cipher.seal(settings.clientSecret);
  }

  private async claimDomains(settings: ProviderSettings, context = ''): Promise<void> {
    const taken = await this.repository.claimDomains(settings.id, settings.domains);
    if (taken.length === 0) return;
    if (context) throw new Error(`${context}provider ${settings.id} lists ${taken.join(', ')}, owned by a provider managed through the API`);
    throw IdentityErrors.domainTaken(taken);
  }

  private async apiManaged(id: string): Promise<IdentityProvider> {
    const provider = await this.repository.find(id);
    if (!provider) throw IdentityErrors.providerNotFound();
    if (provider.managedBy === 'env') throw IdentityErrors.managedByEnvironment();
    return provider;
  }

  private async mustFind(id: string): Promise<IdentityProvider> {
    const provider = await this.repository.find(id);
    if (!provider) throw IdentityErrors.providerNotFound();
    return provider;
  }
}
