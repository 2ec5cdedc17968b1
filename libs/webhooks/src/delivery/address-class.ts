import { BlockList, isIP } from 'node:net';

/** What kind of address a host resolved to; only `public` (and `loopback` outside production) may be called. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link_local' | 'unique_local' | 'ipv4_mapped' | 'reserved' | 'invalid';

/**
 * One list per family: node's BlockList matches an IPv4 address against IPv6 rules (and back) through the
 * mapped form, which would make every IPv4 address "IPv4-mapped". Each address is checked against its own.
 */
interface Ranges {
  readonly v4: BlockList;
  readonly v6: BlockList;
}

function ranges(v4: ReadonlyArray<[string, number]>, v6: ReadonlyArray<[string, number]>): Ranges {
  const lists = { v4: new BlockList(), v6: new BlockList() };
  for (const [network, prefix] of v4) lists.v4.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) lists.v6.addSubnet(network, prefix, 'ipv6');
  return lists;
}

const LOOPBACK = ranges([['127.0.0.0', 8]], [['::1', 128]]);
const PRIVATE = ranges(
  [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    // Carrier-grade NAT: private to the provider, often the cloud's own network.
    ['100.64.0.0', 10],
  ],
  [],
);
// 169.254.169.254 (cloud metadata services) lives here.
const LINK_LOCAL = ranges([['169.254.0.0', 16]], [['fe80::', 10]]);
const UNIQUE_LOCAL = ranges([], [['fc00::', 7]]);
// Both spellings of an IPv4 address inside IPv6 that the kernel would route to that IPv4 address.
const IPV4_MAPPED = ranges([], [['::ffff:0:0', 96]]);
// Not routable on the internet, or a tunnel that carries an IPv4 address we could not judge: refused too.
const RESERVED = ranges(
  [
    ['0.0.0.0', 8],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ],
  [
    ['::', 128],
    ['::', 96],
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['100::', 64],
    ['2001::', 32],
    ['2001:db8::', 32],
    ['2002::', 16],
    ['ff00::', 8],
  ],
);

// Mapped first: ::ffff:127.0.0.1 is refused as mapped whatever IPv4 address it carries.
const CLASSES: ReadonlyArray<[AddressClass, Ranges]> = [
  ['ipv4_mapped', IPV4_MAPPED],
  ['loopback', LOOPBACK],
  ['private', PRIVATE],
  ['link_local', LINK_LOCAL],
  ['unique_local', UNIQUE_LOCAL],
  ['reserved', RESERVED],
];

export function addressClass(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'invalid';
  const matches = ({ v4, v6 }: Ranges) => (family === 4 ? v4.check(address, 'ipv4') : v6.check(address, 'ipv6'));
  return CLASSES.find(([, list]) => matches(list))?.[0] ?? 'public';
}
