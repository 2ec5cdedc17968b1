import { Module } from '@nestjs/common';
import { AuthModule } from '@identsphere/auth';
import { AdminIdentityProvidersController } from './admin-identity-providers.controller';
import { IdentityProviderAdminFlow } from './identity-provider-admin.flow';
import { IdentityProviderMetrics } from './identity-provider-metrics';

/**
 * OpenID Connect providers under /v1/admin/identity-providers. Apart from AdminModule because it needs
 * IdentitiesModule (global, composed by the app with its secret cipher), which the medium test tier does not build.
 */
@Module({
  imports: [AuthModule],
  controllers: [AdminIdentityProvidersController],
  providers: [IdentityProviderAdminFlow, IdentityProviderMetrics],
})
export class AdminIdentityProvidersModule {}
