import { Injectable } from '@nestjs/common';
import { Principal } from '@identsphere/common';
import { SessionsService } from '@identsphere/sessions';

@Injectable()
export class LogoutAllFlow {
  constructor(private readonly sessions: SessionsService) {}

  async logoutAll(principal: Principal): Promise<void> {
    await this.sessions.revokeAll(principal.userId, 'logout_all');
  }
}
