import type { OneTimeTokenPurpose } from '@identsphere/tokens';

/**
 * Links that can move the account's address or vouch for it. Whoever takes an account back (password
 * reset or change, logout-all, disabling) voids them in the same transaction: a pending change requested
 * with a phished password must not outlive the owner's response.
 */
export const ADDRESS_GRANTS: readonly OneTimeTokenPurpose[] = ['change-email', 'verify-email'];
