import { addressClass } from './address-class';

describe('addressClass', () => {
  it.each([
    ['93.184.215.14', 'public'],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link_local'],
    ['fe80::1', 'link_local'],
    ['fd00:ec2::254', 'unique_local'],
    ['fc00::1', 'unique_local'],
    ['::ffff:127.0.0.1', 'ipv4_mapped'],
    ['::ffff:169.254.169.254', 'ipv4_mapped'],
    ['::ffff:7f00:1', 'ipv4_mapped'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'reserved'],
    ['2002:a9fe:a9fe::1', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['not-an-ip', 'invalid'],
  ])('classifies %s as %s', (address, expected) => {
    expect(addressClass(address)).toBe(expected);
  });

  it('does not mistake a public neighbour of a private range for a private address', () => {
    expect(addressClass('172.32.0.1')).toBe('public');
    expect(addressClass('11.0.0.1')).toBe('public');
    expect(addressClass('169.255.0.1')).toBe('public');
  });
});
