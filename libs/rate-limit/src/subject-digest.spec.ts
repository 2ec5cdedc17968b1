import type { AppConfig } from '@identsphere/config';
import { SubjectDigest } from './subject-digest';

describe('SubjectDigest', () => {
  const digest = new SubjectDigest({ tokens: { secret: 'root-secret-with-plenty-of-entropy-0123456789' } } as AppConfig);

  it('counts every address of one IPv6 /64 as one subject, in any spelling', () => {
    expect(digest.of('login-ip', '2001:db8:1:2::1')).toBe(digest.of('login-ip', '2001:DB8:1:2:ffff:eeee:dddd:cccc'));
    expect(digest.of('login-ip', '2001:db8:1:2::1')).not.toBe(digest.of('login-ip', '2001:db8:1:3::1'));
  });

  it('counts an IPv4-mapped address as the IPv4 address, and IPv4 addresses one by one', () => {
    expect(digest.of('mail-ip', '::ffff:203.0.113.9')).toBe(digest.of('mail-ip', '203.0.113.9'));
    expect(digest.of('mail-ip', '203.0.113.9')).not.toBe(digest.of('mail-ip', '203.0.113.10'));
  });

  it('keeps kinds apart and leaves other subjects as they are', () => {
    expect(digest.of('signup-ip', '203.0.113.9')).not.toBe(digest.of('mail-ip', '203.0.113.9'));
    expect(digest.of('mail-recipient', 'a@example.com')).not.toBe(digest.of('mail-recipient', 'b@example.com'));
  });
});
