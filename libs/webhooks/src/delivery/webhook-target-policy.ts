import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressClass, AddressClass } from './address-class';

/** Why a URL may not receive webhooks; fixed values, logged and stored, never echoed with the URL's content. */
export type TargetRefusal = 'invalid_url' | 'scheme' | 'credentials' | 'unresolvable' | AddressClass;

export type Resolver = (host: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export class TargetRefused extends Error {
  constructor(readonly reason: TargetRefusal) {
    super(`target refused: ${reason}`);
  }
}

/**
 * Where webhooks may go (SSRF): in production only https to hosts whose every address is public; outside
 * production also http and loopback, so tests and local development can run a receiver on 127.0.0.1.
 * Private, link-local (cloud metadata), unique-local, IPv4-mapped and reserved addresses are refused
 * everywhere. The check runs when an endpoint is created and again at each delivery, on the addresses the
 * connection then uses (see pinnedLookup), so a DNS answer that changes later (rebinding) is caught too.
 */
export class WebhookTargetPolicy {
  constructor(
    private readonly production: boolean,
    private readonly resolve: Resolver = systemResolver,
  ) {}

  /** The URL's form alone: scheme, no credentials. Throws TargetRefused. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new TargetRefused('invalid_url');
    }
    const schemes = this.production ? ['https:'] : ['https:', 'http:'];
    if (!schemes.includes(url.protocol)) throw new TargetRefused('scheme');
    // A password in a URL would sit in the endpoints table and in every listing of it.
    if (url.username || url.password) throw new TargetRefused('credentials');
    return url;
  }

  allows(address: string): boolean {
    const kind = addressClass(address);
    return kind === 'public' || (!this.production && kind === 'loopback');
  }

  /** Every address the host resolves to, each one allowed; throws TargetRefused otherwise. */
  async addressesOf(url: URL): Promise<ReadonlyArray<{ address: string; family: number }>> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const family = isIP(host);
    let addresses: ReadonlyArray<{ address: string; family: number }>;
    if (family) addresses = [{ address: host, family }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        throw new TargetRefused('unresolvable');
      }
    }
    if (addresses.length === 0) throw new TargetRefused('unresolvable');
    // One bad address refuses the host: a round-robin answer must not smuggle in an internal one.
    const bad = addresses.find(({ address }) => !this.allows(address));
    if (bad) throw new TargetRefused(addressClass(bad.address));
    return addresses;
  }

  /** Parses and resolves: what creating an endpoint checks. */
  async check(raw: string): Promise<URL> {
    const url = this.parse(raw);
    await this.addressesOf(url);
    return url;
  }
}
