import { Injectable } from '@nestjs/common';
import { ClientContext } from '@identsphere/common';
import { RateLimiter } from '@identsphere/rate-limit';

/** Mails to one address per window: enough for a few retries, too few to flood an inbox. */
export const MAIL_RECIPIENT_LIMIT = { max: 5, windowSeconds: 3600 } as const;
/** Mail requests per client IP per window: a whole office behind one NAT still fits. */
export const MAIL_IP_LIMIT = { max: 50, windowSeconds: 3600 } as const;

/**
 * The throttle in front of every endpoint that mails on request. Keyed on the normalised address whether
 * or not an account has it, so a 429 never reveals that an account exists. Runs outside any transaction:
 * counts must survive the caller's rollback.
 */
@Injectable()
export class MailThrottle {
  constructor(private readonly limiter: RateLimiter) {}

  async admit(recipient: string, client: ClientContext): Promise<void> {
    await this.admitClient(client);
    await this.limiter.consume('mail-recipient', recipient, MAIL_RECIPIENT_LIMIT);
  }

  /** The per-client budget alone: throws 429 rate_limited when this client has asked for too much mail. */
  admitClient(client: ClientContext): Promise<void> {
    return this.limiter.consume('mail-ip', client.ip, MAIL_IP_LIMIT);
  }

  /** Counts a mail to the address and says whether its budget still allows it; never throws 429. */
  async recipientBudgetLeft(recipient: string): Promise<boolean> {
    return (await this.limiter.attempt('mail-recipient', recipient, MAIL_RECIPIENT_LIMIT)).allowed;
  }
}
