import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const root = 'root-secret-with-plenty-of-entropy-0123456789';

  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox(root, 'signing-keys');
    const sealed = box.seal('private key material');
    expect(sealed).not.toContain('private key material');
    expect(box.open(sealed)).toBe('private key material');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox(root, 'signing-keys');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('cannot be opened under another root secret or purpose, or after tampering', () => {
    const sealed = new SecretBox(root, 'signing-keys').seal('x');
    expect(() => new SecretBox(root + '!', 'signing-keys').open(sealed)).toThrow();
    expect(() => new SecretBox(root, 'other').open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('tampered').toString('base64url');
    expect(() => new SecretBox(root, 'signing-keys').open(parts.join('.'))).toThrow();
  });
});
