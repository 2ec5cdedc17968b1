import { canonicalDomains, EMAIL_DOMAIN_PATTERN, issuerProblem } from './identity-provider-rules';

describe('issuerProblem', () => {
  it.each([
    ['https://login.microsoftonline.com/tenant/v2.0', false],
    ['https://acme.okta.com', true],
    ['http://127.0.0.1:9000', false],
    ['http://localhost:9000/issuer', false],
    ['http://[::1]:9000', false],
  ])('accepts %s (production: %s)', (issuer, isProduction) => {
    expect(issuerProblem(issuer, isProduction)).toBeNull();
  });

  it.each([
    ['login.example.com', false, 'must be an absolute https URL'],
    ['ftp://login.example.com', false, 'must be an https URL'],
    ['http://login.example.com', false, 'may use http only on a loopback host (localhost, 127.0.0.1, [::1])'],
    ['http://10.1.2.3', false, 'may use http only on a loopback host (localhost, 127.0.0.1, [::1])'],
    ['http://127.0.0.1:9000', true, 'must be an https URL in production'],
    ['https://login.example.com/?tenant=1', false, 'must not have a query or fragment'],
    ['https://login.example.com/#x', false, 'must not have a query or fragment'],
    ['https://user:pw@login.example.com', false, 'must not carry a user name or password'],
  ])('refuses %s (production: %s): %s', (issuer, isProduction, reason) => {
    expect(issuerProblem(issuer, isProduction)).toBe(reason);
  });
});

describe('email domains', () => {
  it('are lower-cased, trimmed, each once, sorted', () => {
    expect(canonicalDomains([' B.example.com', 'a.example.com', 'b.example.COM'])).toEqual(['a.example.com', 'b.example.com']);
  });

  it.each(['acme.com', 'eu.acme.co.uk', 'xn--bcher-kva.example'])('accepts %s', (domain) => expect(EMAIL_DOMAIN_PATTERN.test(domain)).toBe(true));
  it.each(['acme', 'user@acme.com', '-acme.com', 'acme.com.', 'ac me.com', '*.acme.com'])('refuses %s', (domain) => expect(EMAIL_DOMAIN_PATTERN.test(domain)).toBe(false));
});
