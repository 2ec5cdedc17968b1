import { Global, Module } from '@nestjs/common';
import { HashMetrics } from './hash-metrics';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { PrometheusHashMetrics } from './prometheus-hash-metrics';

@Global()
@Module({
  providers: [{ provide: HashMetrics, useClass: PrometheusHashMetrics }, PasswordHasher, PasswordPolicy],
  exports: [PasswordHasher, PasswordPolicy],
})
export class CryptoModule {}
