import { Global, Module } from '@nestjs/common';
import { ClientAssertionKey } from './client-assertion-key';
import { HashMetrics } from './hash-metrics';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { PrometheusHashMetrics } from './prometheus-hash-metrics';

@Global()
@Module({
  providers: [{ provide: HashMetrics, useClass: PrometheusHashMetrics }, PasswordHasher, PasswordPolicy, ClientAssertionKey],
  exports: [PasswordHasher, PasswordPolicy, ClientAssertionKey],
})
export class CryptoModule {}
