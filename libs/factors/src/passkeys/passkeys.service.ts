import { Injectable } from '@nestjs/common';
import type { Passkey } from './passkey';
import { PasskeysRepository } from './persistence/passkeys.repository';

/** The owner's view of their passkeys: list, count, remove. */
@Injectable()
export class PasskeysService {
  constructor(private readonly passkeys: PasskeysRepository) {}

  list(userId: string): Promise<Passkey[]> {
    return this.passkeys.listForUser(userId);
  }

  async hasAny(userId: string): Promise<boolean> {
    return (await this.passkeys.countForUser(userId)) > 0;
  }

  /** Null for an unknown id or another user's passkey (the caller answers not_found for both). */
  remove(userId: string, passkeyId: string): Promise<Passkey | null> {
    return this.passkeys.delete(userId, passkeyId);
  }
}
