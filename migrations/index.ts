import { CoreSchema1764400000000 } from './1764400000000-core-schema';
import { Throttling1764410000000 } from './1764410000000-throttling';
import { SecurityEvents1764410000001 } from './1764410000001-security-events';
import { OneTimeTokens1764420000000 } from './1764420000000-one-time-tokens';
import { MailOutbox1764420000001 } from './1764420000001-mail-outbox';
import { EmailChangeSession1764430000000 } from './1764430000000-email-change-session';

/** Every migration in order. Never edit one after it has landed; add a new one. */
export const ALL_MIGRATIONS = [CoreSchema1764400000000, Throttling1764410000000, SecurityEvents1764410000001, OneTimeTokens1764420000000, MailOutbox1764420000001, EmailChangeSession1764430000000];
