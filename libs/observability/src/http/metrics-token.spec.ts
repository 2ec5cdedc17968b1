import { DomainError } from '@identsphere/common';
import { assertMetricsAccess } from './metrics-token';

const codeAndHeader = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    const error = e as DomainError;
    return `${error.code} ${error.options.headers?.['WWW-Authenticate']}`;
  }
};

describe('assertMetricsAccess', () => {
  const token = 'metrics-token-0123456789';

  it('lets every scrape through when no token is configured', () => {
    expect(codeAndHeader(() => assertMetricsAccess(null, undefined))).toBe('allowed');
  });

  it('asks for a bearer token when none is presented', () => {
    expect(codeAndHeader(() => assertMetricsAccess(token, undefined))).toBe('unauthorized Bearer');
    expect(codeAndHeader(() => assertMetricsAccess(token, `Basic ${token}`))).toBe('unauthorized Bearer');
  });

  it('rejects a wrong or truncated token as invalid', () => {
    expect(codeAndHeader(() => assertMetricsAccess(token, `Bearer ${token.slice(0, -1)}`))).toBe('unauthorized Bearer error="invalid_token"');
    expect(codeAndHeader(() => assertMetricsAccess(token, `Bearer ${token}0`))).toBe('unauthorized Bearer error="invalid_token"');
  });

  it('accepts the configured token with a case-insensitive scheme', () => {
    expect(codeAndHeader(() => assertMetricsAccess(token, `Bearer ${token}`))).toBe('allowed');
    expect(codeAndHeader(() => assertMetricsAccess(token, `BEARER ${token}`))).toBe('allowed');
  });
});
