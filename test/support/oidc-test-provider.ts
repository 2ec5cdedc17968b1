import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID Provider (panva's certified `oidc-provider`) running in-process on a loopback port, so the SSO
 * tests exercise discovery, the code flow with PKCE, signed ID tokens, key rotation and back-channel logout
 * against the same code a production provider runs, not a hand-written imitation.
 */

export interface TestAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name?: string;
  groups?: string[];
  amr?: string[];
}

export interface TestClientRegistration {
  clientId: string;
  /** Ignored with private_key_jwt. */
  clientSecret: string;
  redirectUris: string[];
  /** private_key_jwt: the client proves itself with an assertion signed by a key of `jwks` (default: the secret, client_secret_basic). */
  privateKeyJwt?: { jwks: { keys: JWK[] } };
  backchannelLogoutUri?: string;
  postLogoutRedirectUris?: string[];
}

export interface OidcTestProviderOptions {
  clients?: TestClientRegistration[];
}

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** The signing key the provider publishes; the private half signs ID tokens and our logout tokens. */
interface SigningKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly privateKey: CryptoKey;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-${randomUUID()}`;
  return { kid, privateKey, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** The interaction page: a form asking which test account signs in; auto-submits when a sign-in is preset. */
function interactionPage(uid: string, presetSub: string | null): string {
  const value = presetSub ? ` value="${escapeHtml(presetSub)}"` : '';
  const autoSubmit = presetSub ? `<script>document.forms[0].submit()</script>` : '';
  return `<!doctype html><html><head><title>Test OpenID Provider</title></head><body>
<form method="post" action="/interaction/${escapeHtml(uid)}"><label>Account <input name="sub"${value}></label><button type="submit">Sign in</button></form>${autoSubmit}
</body></html>`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** A minimal cookie jar for authorize(): the provider binds its interaction to cookies, as a browser would keep them. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || pair.slice(eq + 1).trim() === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

type StoredPayload = Record<string, unknown> & { uid?: string; grantId?: string; consumed?: number };

/** oidc-provider's storage port, in memory and per test provider (its built-in one is process-wide and warns). */
class MemoryStore {
  private readonly entries = new Map<string, StoredPayload>();

  readonly adapter = (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    const entries = this.entries;
    return {
      async upsert(id: string, payload: StoredPayload) {
        entries.set(key(id), payload);
      },
      async find(id: string) {
        return entries.get(key(id));
      },
      async findByUid(uid: string) {
        return [...entries.entries()].find(([k, p]) => k.startsWith(`${model}:`) && p.uid === uid)?.[1];
      },
      async findByUserCode() {
        return undefined;
      },
      async consume(id: string) {
        const payload = entries.get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id: string) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        for (const [k, p] of entries) if (p.grantId === grantId) entries.delete(k);
      },
    };
  };
}

export class OidcTestProvider {
  private readonly accounts = new Map<string, TestAccount>();
  /** The provider's session id (`sid`) of each sign-in, per account, newest last. */
  private readonly sids = new Map<string, string[]>();
  private provider!: Provider;
  private signingKey!: SigningKey;
  private presetSub: string | null = null;
  private readonly cookieKeys = [randomUUID(), randomUUID()];
  /** Grants, sessions and codes: kept across rotateKeys(), which replaces the Provider instance. */
  private readonly store = new MemoryStore();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly clients: TestClientRegistration[],
  ) {}

  static async start(options: OidcTestProviderOptions = {}): Promise<OidcTestProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const op = new OidcTestProvider(server, issuer, (options.clients ?? []).map((c) => ({ ...c })));
    op.signingKey = await newSigningKey();
    op.provider = op.createProvider();
    server.on('request', (req, res) => void op.handle(req, res));
    return op;
  }

  addAccount(account: TestAccount): void {
    this.accounts.set(account.sub, account);
  }

  /** For browser tests: the next interaction page signs in as `sub` by itself (null: the page waits for input). */
  signInNextAs(sub: string | null): void {
    this.presetSub = sub;
  }

  /** The provider-side session ids (`sid` in ID tokens) issued to `sub`, oldest first. */
  sessionIdsOf(sub: string): readonly string[] {
    return this.sids.get(sub) ?? [];
  }

  get jwksUri(): string {
    return `${this.issuer}/jwks`;
  }

  get currentKeyId(): string {
    return this.signingKey.kid;
  }

  /**
   * Follows an authorization URL the way a browser would after the user signs in as `sub` and consents:
   * returns the redirect (Location) back to the relying party, with code and state (or an error).
   */
  async authorize(authorizationUrl: string, sub: string): Promise<string> {
    const jar = new CookieJar();
    let next: { url: string; form?: URLSearchParams } = { url: authorizationUrl };
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(next.url, {
        method: next.form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: jar.header(), ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: next.form?.toString(),
      });
      jar.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status} without a redirect at ${new URL(next.url).pathname}`);
      const target = new URL(location, next.url);
      if (target.origin !== this.issuer) return target.toString();
      // The interaction page is the user's turn: sign in as `sub` (and consent) by posting its form.
      next = target.pathname.startsWith('/interaction/') ? { url: target.toString(), form: new URLSearchParams({ sub }) } : { url: target.toString() };
    }
    throw new Error('too many redirects at the test provider');
  }

  /** Publishes a new signing key (new kid) and withdraws the old one; later ID tokens use the new key. */
  async rotateKeys(): Promise<void> {
    this.signingKey = await newSigningKey();
    // oidc-provider fixes its key set at construction; its grants and sessions live in the shared in-memory adapter.
    this.provider = this.createProvider();
  }

  /**
   * A back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.4) signed with the provider's key;
   * `overrides` lets tests forge a wrong one (claims set to undefined are left out).
   */
  async logoutToken(clientId: string, subject: { sub?: string; sid?: string }, overrides: JWTPayload = {}, key: { privateKey: CryptoKey; kid: string } = this.signingKey): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = { iss: this.issuer, aud: clientId, iat: now, exp: now + 120, jti: randomUUID(), events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, ...subject, ...overrides };
    for (const name of Object.keys(claims)) if (claims[name] === undefined) delete claims[name];
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'logout+jwt' }).sign(key.privateKey);
  }

  /**
   * Where sendBackchannelLogout() delivers for `clientId`: the relying party's port is often known only after
   * the provider started (the client must have been registered with a back-channel logout URI, so that ID
   * tokens carry `sid`).
   */
  setBackchannelLogoutUri(clientId: string, uri: string): void {
    const client = this.clients.find((c) => c.clientId === clientId);
    if (!client?.backchannelLogoutUri) throw new Error(`client ${clientId} was registered without a back-channel logout URI`);
    client.backchannelLogoutUri = uri;
  }

  /** POSTs a signed logout_token to the client's registered back-channel logout URI; returns the RP's status. */
  async sendBackchannelLogout(clientId: string, sub: string, sid?: string): Promise<number> {
    const client = this.clients.find((c) => c.clientId === clientId);
    if (!client?.backchannelLogoutUri) throw new Error(`client ${clientId} has no back-channel logout URI`);
    const token = await this.logoutToken(clientId, { sub, ...(sid ? { sid } : {}) });
    return (await postLogoutToken(client.backchannelLogoutUri, token)).status;
  }

  /** Stops listening: every later request to the issuer fails to connect, like a provider that is down. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const interaction = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url ?? '/', this.issuer).pathname);
      if (!interaction) return this.provider.callback()(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(interactionPage(interaction[1], this.presetSub));
        return;
      }
      await this.finishInteraction(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test provider error: ${(error as Error).message}`);
    }
  }

  /** Signs the chosen account in and grants everything the client asked for: login and consent in one step. */
  private async finishInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sub = (await readForm(req)).get('sub') ?? '';
    const details = await this.provider.interactionDetails(req, res);
    const account = this.accounts.get(sub);
    if (!account) {
      await this.provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unknown test account' }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new this.provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    this.presetSub = null;
    await this.provider.interactionFinished(req, res, { login: { accountId: sub, ...(account.amr ? { amr: account.amr } : {}) }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  private createProvider(): Provider {
    const provider = new Provider(this.issuer, this.configuration());
    provider.on('authorization_code.saved', (code: { accountId: string; sid?: string }) => {
      if (code.sid) this.sids.set(code.accountId, [...(this.sids.get(code.accountId) ?? []).filter((s) => s !== code.sid), code.sid]);
    });
    return provider;
  }

  private configuration(): Configuration {
    return {
      clients: this.clients.map((c) => ({
        client_id: c.clientId,
        ...(c.privateKeyJwt ? { token_endpoint_auth_method: 'private_key_jwt', jwks: c.privateKeyJwt.jwks } : { client_secret: c.clientSecret }),
        redirect_uris: c.redirectUris,
        post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        ...(c.backchannelLogoutUri ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
      })),
      jwks: { keys: [this.signingKey.privateJwk] },
      adapter: this.store.adapter,
      // Explicit lifetimes: the defaults are functions that log a notice on every use.
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
      cookies: { keys: this.cookieKeys },
      findAccount: (_ctx, id) => {
        const account = this.accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            email: account.email,
            email_verified: account.emailVerified,
            ...(account.name !== undefined ? { name: account.name } : {}),
            ...(account.groups !== undefined ? { groups: account.groups } : {}),
          }),
        };
      },
      claims: { acr: null, sid: null, auth_time: null, iss: null, openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'groups'], groups: ['groups'] },
      scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
      // Scope claims in the ID token itself, as Entra ID, Okta and Google do: the relying party reads them there.
      conformIdTokenClaims: false,
      pkce: { methods: ['S256'], required: () => true },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: {
        devInteractions: { enabled: false },
        backchannelLogout: { enabled: true },
        // The logout confirmation (our end-session URL carries no id_token_hint) as a plain page: one button.
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx: { body: string }, form: string) => {
            ctx.body = `<!doctype html><html><head><title>Sign out</title></head><body>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button></body></html>`;
          },
          postLogoutSuccessSource: (ctx: { body: string }) => {
            ctx.body = '<!doctype html><html><head><title>Signed out</title></head><body>Signed out</body></html>';
          },
        },
      },
    };
  }
}

/** POSTs `logout_token` as a form to a relying party's back-channel logout endpoint. */
export function postLogoutToken(url: string, token: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ logout_token: token }).toString() });
}
