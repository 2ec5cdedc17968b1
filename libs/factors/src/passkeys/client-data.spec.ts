import { challengeOf } from './client-data';
import { amrOfPasskey } from './passkey';
import { isAuthenticationResponse } from './webauthn-json';

const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('challengeOf', () => {
  it('reads the challenge the browser put in clientDataJSON', () => {
    expect(challengeOf(encode({ type: 'webauthn.get', challenge: 'q6Lr1hJ3vS0bYw8eT2nKcA', origin: 'https://a.example' }))).toBe('q6Lr1hJ3vS0bYw8eT2nKcA');
  });

  it.each([
    ['not base64url JSON', encode('{not json')],
    ['no challenge', encode({ type: 'webauthn.get' })],
    ['a challenge that is not base64url', encode({ challenge: 'has spaces and !!' })],
    ['a non-string', 42],
    ['JSON null', encode('null')],
  ])('answers null for %s', (_, value) => {
    expect(challengeOf(value)).toBeNull();
  });
});

describe('amrOfPasskey', () => {
  it('says hwk for a device-bound passkey and swk for a synced one', () => {
    expect(amrOfPasskey({ deviceType: 'singleDevice', backedUp: false })).toBe('hwk');
    expect(amrOfPasskey({ deviceType: 'multiDevice', backedUp: true })).toBe('swk');
    expect(amrOfPasskey({ deviceType: 'multiDevice', backedUp: false })).toBe('swk');
  });
});

describe('isAuthenticationResponse', () => {
  const valid = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'MEUC' }, clientExtensionResults: {} };

  it('accepts the shape @simplewebauthn/browser produces', () => {
    expect(isAuthenticationResponse(valid)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'assertion'],
    ['a wrong type', { ...valid, type: 'password' }],
    ['rawId differing from id', { ...valid, rawId: 'xyz' }],
    ['a missing signature', { ...valid, response: { ...valid.response, signature: undefined } }],
    ['a non-base64url field', { ...valid, response: { ...valid.response, authenticatorData: 'a b' } }],
  ])('refuses %s', (_, value) => {
    expect(isAuthenticationResponse(value)).toBe(false);
  });
});
