import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SessionsModule } from '@identsphere/sessions';
import { TokensModule } from '@identsphere/tokens';
import { UsersModule } from '@identsphere/users';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { ChangePasswordFlow } from './flows/change-password.flow';
import { DeleteAccountFlow } from './flows/delete-account.flow';
import { LoginFlow } from './flows/login.flow';
import { LogoutAllFlow } from './flows/logout-all.flow';
import { LogoutFlow } from './flows/logout.flow';
import { PasswordConfirmation } from './flows/password-confirmation';
import { RefreshFlow } from './flows/refresh.flow';
import { SessionIssuer } from './flows/session-issuer';
import { SignupFlow } from './flows/signup.flow';
import { AccessTokenGuard } from './http/access-token.guard';
import { LoginResponder } from './http/login-responder';
import { TokenTransport } from './http/token-transport';

@Module({
  imports: [UsersModule, SessionsModule, TokensModule],
  controllers: [AuthController, AccountController],
  providers: [
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    TokenTransport,
    LoginResponder,
    SessionIssuer,
    PasswordConfirmation,
    SignupFlow,
    LoginFlow,
    RefreshFlow,
    LogoutFlow,
    LogoutAllFlow,
    ChangePasswordFlow,
    DeleteAccountFlow,
  ],
  exports: [TokenTransport, SessionIssuer, PasswordConfirmation],
})
export class AuthModule {}
