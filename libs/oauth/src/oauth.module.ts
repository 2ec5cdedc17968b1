import { Module } from '@nestjs/common';
import { AuthModule } from '@identsphere/auth';
import { ClientsModule } from '@identsphere/clients';
import { SessionsModule } from '@identsphere/sessions';
import { TokensModule } from '@identsphere/tokens';
import { ClientCredentialsGrant } from './client-credentials.grant';
import { ClientAuthentication } from './http/client-authentication';
import { OAuthIntrospectionController } from './oauth-introspection.controller';
import { OAuthMetrics } from './oauth-metrics';
import { OAuthRevocationController } from './oauth-revocation.controller';
import { OAuthTokenController } from './oauth-token.controller';
import { TokenIntrospection } from './token-introspection';

/** The OAuth endpoints for machine clients and resource servers: client credentials, introspection, revocation. */
@Module({
  imports: [AuthModule, ClientsModule, SessionsModule, TokensModule],
  controllers: [OAuthTokenController, OAuthIntrospectionController, OAuthRevocationController],
  providers: [ClientAuthentication, ClientCredentialsGrant, TokenIntrospection, OAuthMetrics],
})
export class OAuthModule {}
