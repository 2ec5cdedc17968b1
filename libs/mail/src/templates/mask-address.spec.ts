import { maskAddress } from './mask-address';

describe('maskAddress', () => {
  it('keeps only the first character of the local part and of the domain', () => {
    expect(maskAddress('attacker@evil.example')).toBe('a…@e…');
  });

  it('counts a character outside the BMP as one', () => {
    expect(maskAddress('😀mail@ümlaut.example')).toBe('😀…@ü…');
  });

  it('masks a string without an @ without revealing it', () => {
    expect(maskAddress('nobody')).toBe('n…@…');
  });
});
