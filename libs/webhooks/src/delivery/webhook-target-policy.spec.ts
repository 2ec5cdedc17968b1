import { Resolver, TargetRefused, WebhookTargetPolicy } from './webhook-target-policy';

const dns = (table: Record<string, string[]>): Resolver => async (host) => {
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const NAMES = dns({
  'hooks.example.com': ['93.184.215.14'],
  'metadata.example.com': ['169.254.169.254'],
  'mixed.example.com': ['93.184.215.14', '10.0.0.5'],
  'v6.example.com': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'localhost': ['127.0.0.1', '::1'],
  'empty.example.com': [],
});

async function refusal(policy: WebhookTargetPolicy, url: string): Promise<string | null> {
  try {
    await policy.check(url);
    return null;
  } catch (error) {
    if (error instanceof TargetRefused) return error.reason;
    throw error;
  }
}

describe('WebhookTargetPolicy in production', () => {
  const policy = new WebhookTargetPolicy(true, NAMES);

  it('accepts https to a host with only public addresses, IPv4 or IPv6', async () => {
    expect(await refusal(policy, 'https://hooks.example.com/identsphere')).toBeNull();
    expect(await refusal(policy, 'https://v6.example.com:8443/in')).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/in', 'scheme'],
    ['ftp://hooks.example.com/in', 'scheme'],
    ['not a url', 'invalid_url'],
    ['https://user:pw@hooks.example.com/in', 'credentials'],
    ['https://localhost/in', 'loopback'],
    ['https://127.0.0.1/in', 'loopback'],
    ['https://[::1]/in', 'loopback'],
    ['https://metadata.example.com/latest', 'link_local'],
    ['https://169.254.169.254/latest', 'link_local'],
    ['https://mixed.example.com/in', 'private'],
    ['https://10.0.0.1/in', 'private'],
    ['https://[fd00::1]/in', 'unique_local'],
    ['https://[::ffff:7f00:1]/in', 'ipv4_mapped'],
    ['https://mapped.example.com/in', 'ipv4_mapped'],
    ['https://0.0.0.0/in', 'reserved'],
    ['https://nowhere.example.com/in', 'unresolvable'],
    ['https://empty.example.com/in', 'unresolvable'],
  ])('refuses %s (%s)', async (url, reason) => {
    expect(await refusal(policy, url)).toBe(reason);
  });
});

describe('WebhookTargetPolicy outside production', () => {
  const policy = new WebhookTargetPolicy(false, NAMES);

  it('also accepts http and loopback receivers, for tests and local development', async () => {
    expect(await refusal(policy, 'http://127.0.0.1:8080/in')).toBeNull();
    expect(await refusal(policy, 'http://localhost:8080/in')).toBeNull();
    expect(await refusal(policy, 'http://[::1]:8080/in')).toBeNull();
  });

  it('still refuses private, link-local and mapped addresses', async () => {
    expect(await refusal(policy, 'http://169.254.169.254/latest/meta-data')).toBe('link_local');
    expect(await refusal(policy, 'http://192.168.1.1/')).toBe('private');
    expect(await refusal(policy, 'http://[::ffff:10.0.0.1]/')).toBe('ipv4_mapped');
  });
});
