/** One account per address: trim, Unicode NFKC, lower-case, before storage and before every lookup. */
export const normalizeEmail = (email: string): string => email.trim().normalize('NFKC').toLowerCase();
