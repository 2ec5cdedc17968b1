import { jsonNestingExceeds } from './json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestingExceeds', () => {
  it('measures arrays and objects alike', () => {
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[]}]}'), 4)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":[{"b":[]}]}'), 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(bytes(JSON.stringify({ a: '[[[{{{"\\[' })), 1)).toBe(false);
  });

  it('stops at the first level too deep, even in text that never closes', () => {
    expect(jsonNestingExceeds(bytes('['.repeat(1_000_000)), 32)).toBe(true);
  });

  it('is not fooled by multi-byte characters', () => {
    expect(jsonNestingExceeds(bytes('{"name":"Zoë 🦊 \u005b"}'), 1)).toBe(false);
  });
});
