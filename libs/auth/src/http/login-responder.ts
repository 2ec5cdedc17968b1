import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionsService } from '@identsphere/sessions';
import { LoginResponse, MfaRequiredResponse, SignupPendingVerificationResponse, toLoginResponse, toMfaRequiredResponse, toSignupPendingVerificationResponse } from '../dto/login.response';
import type { MfaPending } from '../flows/login.flow';
import type { SignedIn } from '../flows/session-issuer';
import type { SignupResult } from '../flows/signup.flow';
import { TokenTransport } from './token-transport';

/** Shapes a login-like response for the client's mode: cookie (refresh token in a cookie) or bearer (in the body). */
@Injectable()
export class LoginResponder {
  constructor(
    private readonly transport: TokenTransport,
    private readonly sessions: SessionsService,
  ) {}

  respond(req: Request, res: Response, signedIn: SignedIn): LoginResponse {
    this.transport.noStore(res);
    const bearer = this.transport.modeOf(req) === 'bearer';
    if (!bearer) this.transport.setRefreshCookie(res, signedIn.refreshToken, this.sessions.cookieMaxAgeSeconds(signedIn.session));
    return toLoginResponse(signedIn, bearer);
  }

  /** The password step of an account with a second factor: the mfaToken only, no session and no cookie. */
  respondMfaRequired(res: Response, pending: MfaPending): MfaRequiredResponse {
    this.transport.noStore(res);
    return toMfaRequiredResponse(pending);
  }

  /** A signup that has to wait for email verification answers with the user only: no token, no cookie. */
  respondToSignup(req: Request, res: Response, result: SignupResult): LoginResponse | SignupPendingVerificationResponse {
    if (result.kind === 'signed-in') return this.respond(req, res, result.signedIn);
    this.transport.noStore(res);
    return toSignupPendingVerificationResponse(result.user);
  }
}
