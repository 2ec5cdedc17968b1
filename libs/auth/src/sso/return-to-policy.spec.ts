import type { AppConfig } from '@identsphere/config';
import { ReturnToPolicy, withQuery } from './return-to-policy';

describe('ReturnToPolicy', () => {
  const policy = new ReturnToPolicy({ http: { corsOrigins: ['https://app.example.com'] } } as unknown as AppConfig);

  it('accepts a URL on an allowed origin, path and query included', () => {
    expect(policy.check('https://app.example.com/after?x=1')).toBe('https://app.example.com/after?x=1');
  });

  it.each(['https://evil.example', 'https://app.example.com.evil.example/', 'http://app.example.com/', '//evil.example', '/relative', 'javascript:alert(1)', 'https://u:p@app.example.com/'])(
    'refuses %s with invalid_return_to',
    (returnTo) => {
      expect(() => policy.check(returnTo)).toThrow(expect.objectContaining({ code: 'invalid_return_to' }));
    },
  );
});

describe('withQuery', () => {
  it('adds the outcome to the query string, replacing a parameter of the same name', () => {
    expect(withQuery('https://app.example.com/a?error=old&keep=1', { error: 'sso_failed' })).toBe('https://app.example.com/a?error=sso_failed&keep=1');
  });
});
