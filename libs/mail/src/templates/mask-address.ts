/**
 * `attacker@evil.example` → `a…@e…`: enough for the owner to recognise an address of their own, without
 * the warning mail spelling out a stranger's mailbox.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at > 0 ? address.slice(at + 1) : '';
  return `${firstCharacter(local)}…@${firstCharacter(domain)}…`;
}

const firstCharacter = (text: string): string => Array.from(text)[0] ?? '';
