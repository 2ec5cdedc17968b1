import { normalizeEmail } from '@identsphere/users';

/** The normalised domain of an email address ('' when there is none). */
export function emailDomainOf(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  return at < 0 ? '' : normalized.slice(at + 1);
}
