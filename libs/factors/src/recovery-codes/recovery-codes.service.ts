import { Injectable } from '@nestjs/common';
import { AppConfig } from '@identsphere/config';
import { deriveKey, hmacSha256 } from '@identsphere/crypto';
import { RecoveryCodesRepository } from '../persistence/recovery-codes.repository';
import { newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-code-format';

export type RecoveryCodeUse = { readonly ok: true; readonly remaining: number } | { readonly ok: false };

/** Single-use recovery codes: shown once, stored as keyed digests, deleted when used. */
@Injectable()
export class RecoveryCodesService {
  private readonly digestKey: Buffer;

  constructor(
    private readonly codes: RecoveryCodesRepository,
    config: AppConfig,
  ) {
    this.digestKey = deriveKey(config.tokens.secret, 'recovery-codes');
  }

  /** A fresh set replacing every earlier code; the only time the codes exist in clear. */
  async replace(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.codes.replace(
      userId,
      codes.map((code) => this.digest(userId, normalizeRecoveryCode(code) as string)),
    );
    return codes;
  }

  async use(userId: string, input: string): Promise<RecoveryCodeUse> {
    const code = normalizeRecoveryCode(input);
    if (code === null || !(await this.codes.consume(userId, this.digest(userId, code)))) return { ok: false };
    return { ok: true, remaining: await this.codes.count(userId) };
  }

  remaining(userId: string): Promise<number> {
    return this.codes.count(userId);
  }

  deleteAll(userId: string): Promise<void> {
    return this.codes.deleteAll(userId);
  }

  // Keyed rather than a bare SHA-256: 50 random bits are few enough that a leaked table of plain digests
  // could be searched offline on GPUs; without the key (derived from the root secret, never in the
  // database) the digests are useless. Argon2 would cost a slow hash per stored code on every use.
  private digest(userId: string, code: string): string {
    return hmacSha256(this.digestKey, `${userId}:${code}`).toString('base64url');
  }
}
