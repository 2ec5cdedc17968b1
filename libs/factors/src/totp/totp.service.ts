import { Injectable } from '@nestjs/common';
import { toString as renderQrCode } from 'qrcode';
import { AppConfig } from '@identsphere/config';
import { SecretBox } from '@identsphere/crypto';
import { FactorErrors } from '../factors.errors';
import { FactorsClock } from '../factors-clock';
import { TotpFactorsRepository } from '../persistence/totp-factors.repository';
import { matchTotpStep, newTotpSecret, totpUri } from './totp-codes';
import { TotpCheck, TotpEnrolment } from './totp-enrolment';

/** TOTP factors: enrolment with a first code, and codes checked so that each is accepted at most once. */
@Injectable()
export class TotpService {
  private readonly box: SecretBox;
  private readonly issuer: string;

  constructor(
    private readonly factors: TotpFactorsRepository,
    private readonly clock: FactorsClock,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.tokens.secret, 'totp-secrets');
    this.issuer = config.mfa.issuer;
  }

  /** A new pending secret (replacing an earlier pending one); refused while a factor is active. */
  async beginEnrolment(userId: string, accountName: string): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    if (!(await this.factors.savePending(userId, this.box.seal(secret)))) throw FactorErrors.totpAlreadyEnabled();
    const otpauthUri = totpUri(secret, this.issuer, accountName);
    const svg = await renderQrCode(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrCodeSvg: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}` };
  }

  /** Activates the pending factor with its first code, which is thereby spent. */
  async confirmEnrolment(userId: string, code: string): Promise<void> {
    const factor = await this.factors.find(userId);
    if (!factor) throw FactorErrors.totpEnrolmentNotStarted();
    if (factor.active) throw FactorErrors.totpAlreadyEnabled();
    const step = matchTotpStep(this.box.open(factor.sealedSecret), code, this.clock.nowSeconds());
    if (step === null) throw FactorErrors.invalidTotpCode();
    if (!(await this.factors.activate(userId, step))) throw FactorErrors.totpAlreadyEnabled();
  }

  async verify(userId: string, code: string): Promise<TotpCheck> {
    const factor = await this.factors.find(userId);
    if (!factor?.active) return 'not_enrolled';
    const step = matchTotpStep(this.box.open(factor.sealedSecret), code, this.clock.nowSeconds());
    if (step === null) return 'wrong_code';
    return (await this.factors.spendStep(userId, step)) ? 'ok' : 'replayed_code';
  }

  async isActive(userId: string): Promise<boolean> {
    return (await this.factors.find(userId))?.active ?? false;
  }

  /** Removes the factor (a pending one too); returns whether an active factor was removed. */
  disable(userId: string): Promise<boolean> {
    return this.factors.delete(userId);
  }
}
