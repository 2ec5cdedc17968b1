/** One account per address: trim, Unicode NFKC, lower-case, before storage and before every lookup. */
export const normalizeEmail = (email: string): string => email.trim().normalize('NFKC').toLowerCase();

/**
 * Dot-atom local part (RFC 5322 atext, plus letters, marks and digits of any script for internationalised
 * mailboxes, RFC 6531) and a host name of two or more labels.
 */
const PLAIN_MAILBOX =
  /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?)+$/u;

/**
 * A dot-atom mailbox and a host name, nothing else: no quoted local part, comment, space, bracket or
 * separator. A mailer parses whatever it is given as an address header and rewrites those
 * (`"a b"@x.com`, `a(c)@x.com`, `x@y.com,z@w.com`), so a mail could reach a mailbox other than the
 * address we stored and verified.
 */
export const isPlainMailbox = (email: string): boolean => PLAIN_MAILBOX.test(email);
