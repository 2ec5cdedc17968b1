import { isIP } from 'node:net';

/**
 * The canonical text of an IP address, or null when `text` is not one. IPv6 is lower-cased and
 * compressed (RFC 5952, via the WHATWG URL serializer) without a zone id, and an IPv4-mapped IPv6 address
 * becomes the IPv4 address it carries, so one client is always written and counted the same way.
 */
export function canonicalIp(text: string | undefined | null): string | null {
  if (typeof text !== 'string') return null;
  const address = text.trim().replace(/%.*$/, '');
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return null;
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  return mapped ? ipv4FromHextets(mapped[1], mapped[2]) : canonical;
}

function ipv4FromHextets(high: string, low: string): string {
  const value = (parseInt(high, 16) << 16) | parseInt(low, 16);
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/**
 * The part of an address one client controls: an IPv6 host usually gets a whole /64 and can rotate
 * through it at will, so IPv6 addresses are counted by their /64 prefix; an IPv4 address is itself.
 * Anything that is not an address is returned unchanged.
 */
export function ipNetworkOf(subject: string): string {
  const address = canonicalIp(subject);
  if (address === null) return subject;
  if (isIP(address) === 4) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(canonical: string): string[] {
  const [head, tail] = canonical.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((group) => group.padStart(4, '0'));
}
