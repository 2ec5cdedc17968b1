import { TokenRequestDto } from '../dto/oauth-requests.dto';
import { OAuthError } from '../oauth-error';
import { readOAuthForm } from './oauth-form';

const failure = (body: unknown) => {
  try {
    readOAuthForm(TokenRequestDto, body);
    return null;
  } catch (e) {
    return e instanceof OAuthError ? `${e.status} ${e.error}` : 'not an OAuthError';
  }
};

describe('readOAuthForm', () => {
  it('reads the known parameters, ignores unknown ones and treats empty ones as omitted', () => {
    const form = readOAuthForm(TokenRequestDto, { grant_type: 'client_credentials', scope: '', resource: 'x' });
    expect({ ...form }).toEqual({ grant_type: 'client_credentials' });
  });

  it.each([
    ['a missing grant_type', {}],
    ['a repeated parameter', { grant_type: ['client_credentials', 'client_credentials'] }],
    ['an over-long scope', { grant_type: 'client_credentials', scope: 'a'.repeat(201) }],
    ['a body that is no form', ['grant_type']],
    ['no body', undefined],
  ])('answers 400 invalid_request for %s', (_what, body) => {
    expect(failure(body)).toBe('400 invalid_request');
  });
});
