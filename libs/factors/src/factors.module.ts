import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FactorsClock } from './factors-clock';
import { PasskeysModule } from './passkeys/passkeys.module';
import { RecoveryCodeEntity } from './persistence/recovery-code.entity';
import { RecoveryCodesRepository } from './persistence/recovery-codes.repository';
import { TotpFactorEntity } from './persistence/totp-factor.entity';
import { TotpFactorsRepository } from './persistence/totp-factors.repository';
import { TypeOrmRecoveryCodesRepository } from './persistence/typeorm-recovery-codes.repository';
import { TypeOrmTotpFactorsRepository } from './persistence/typeorm-totp-factors.repository';
import { RecoveryCodesService } from './recovery-codes/recovery-codes.service';
import { TotpService } from './totp/totp.service';

/** MFA factors: TOTP, recovery codes and passkeys (their sign-in strategies and HTTP flows live in the auth lib). */
@Module({
  imports: [TypeOrmModule.forFeature([TotpFactorEntity, RecoveryCodeEntity]), PasskeysModule],
  providers: [
    FactorsClock,
    { provide: TotpFactorsRepository, useClass: TypeOrmTotpFactorsRepository },
    { provide: RecoveryCodesRepository, useClass: TypeOrmRecoveryCodesRepository },
    TotpService,
    RecoveryCodesService,
  ],
  exports: [FactorsClock, TotpService, RecoveryCodesService, PasskeysModule],
})
export class FactorsModule {}
