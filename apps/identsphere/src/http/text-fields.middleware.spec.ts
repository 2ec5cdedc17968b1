import { controlCharacterErrors } from './text-fields.middleware';

describe('controlCharacterErrors', () => {
  it.each(['\u0000', '\t', '\n', '\r', '\u001b[31m', '\u007f', '\u0085', '\u009f', '\ud800', 'x\udc00'])('flags %j', (text) => {
    expect(controlCharacterErrors({ displayName: text })).toEqual([{ field: 'displayName', message: expect.any(String), rule: 'control_characters' }]);
  });

  it('accepts printable text of any script, emoji included', () => {
    expect(controlCharacterErrors({ displayName: 'Zoë 🦊 Ōkami', email: 'δοκιμή@example.com', n: 1, b: true, z: null })).toEqual([]);
  });

  it('names nested fields by their path', () => {
    expect(controlCharacterErrors({ a: [{ b: 'x\u0000' }] }).map((e) => e.field)).toEqual(['a.0.b']);
    expect(controlCharacterErrors('\u0000').map((e) => e.field)).toEqual(['']);
  });
});
