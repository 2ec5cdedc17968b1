import { canonicalIp, ipNetworkOf } from './client-address';

describe('canonicalIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['::FFFF:C633:6407', '198.51.100.7'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::1', '::1'],
  ])('writes %s as %s', (input, expected) => expect(canonicalIp(input)).toBe(expected));

  it.each(['<script>', 'unknown', '', '999.1.1.1', '1.2.3', 'example.com', '::ffff:1.2.3.4.5'])('refuses %p', (input) => expect(canonicalIp(input)).toBeNull());

  it('refuses what is not a string', () => expect(canonicalIp(undefined)).toBeNull());
});

describe('ipNetworkOf', () => {
  it('keys an IPv6 address by its /64', () => {
    expect(ipNetworkOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:0db8:0001:0002::/64');
    expect(ipNetworkOf('2001:db8:1:2::1')).toBe(ipNetworkOf('2001:DB8:1:2:ffff::9'));
    expect(ipNetworkOf('2001:db8:1:3::1')).not.toBe(ipNetworkOf('2001:db8:1:2::1'));
    expect(ipNetworkOf('::1')).toBe('0000:0000:0000:0000::/64');
  });

  it('keeps an IPv4 address whole, also when it arrives IPv4-mapped', () => {
    expect(ipNetworkOf('203.0.113.9')).toBe('203.0.113.9');
    expect(ipNetworkOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('leaves subjects that are not addresses alone', () => {
    expect(ipNetworkOf('someone@example.com')).toBe('someone@example.com');
    expect(ipNetworkOf('0b9c4c1e-5b4e-4d5e-9f3a-2f1e0d9c8b7a')).toBe('0b9c4c1e-5b4e-4d5e-9f3a-2f1e0d9c8b7a');
  });
});
