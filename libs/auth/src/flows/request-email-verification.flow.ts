import { Injectable } from '@nestjs/common';
import { ClientContext, CommonErrors, Principal } from '@identsphere/common';
import { UsersRepository } from '@identsphere/users';
import { EmailVerificationSender } from './email-verification-sender';
import { MailThrottle } from './mail-throttle';

@Injectable()
export class RequestEmailVerificationFlow {
  constructor(
    private readonly users: UsersRepository,
    private readonly throttle: MailThrottle,
    private readonly sender: EmailVerificationSender,
  ) {}

  /** Mails a fresh link to the account's current address; an already verified address gets nothing (same 202). */
  async request(principal: Principal, client: ClientContext): Promise<void> {
    // The account's address now, not the one in the access token, which may predate an email change.
    const user = await this.users.findById(principal.userId);
    if (!user) throw CommonErrors.unauthorized(true);
    await this.throttle.admit(user.email, client);
    if (user.emailVerified) return;
    await this.sender.send(user);
  }
}
