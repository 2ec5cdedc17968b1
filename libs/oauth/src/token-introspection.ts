import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { Caller, isMachine } from '@identsphere/common';
import { ClientsService } from '@identsphere/clients';
import { SessionsService } from '@identsphere/sessions';
import { AccessTokenService } from '@identsphere/tokens';
import type { IntrospectionResponse } from './dto/oauth-responses.dto';

const INACTIVE: IntrospectionResponse = Object.freeze({ active: false });

/** Claims a user token carries that introspection repeats (RFC 7662 §2.2 plus ours). */
const USER_CLAIMS = ['sid', 'email', 'email_verified', 'roles', 'amr', 'acr', 'auth_time'] as const;
const CLIENT_CLAIMS = ['client_id', 'scope'] as const;
const COMMON_CLAIMS = ['sub', 'iss', 'aud', 'exp', 'iat', 'jti'] as const;

/**
 * RFC 7662: a token is active only if its signature, issuer, audience and expiry check out AND what stands
 * behind it still does: a live session of an enabled account for a user token, an enabled client for a
 * client token. Those are the same lookups the auth guard makes, so a logout or a disable shows here at once.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionsService,
    private readonly clients: ClientsService,
  ) {}

  async introspect(token: string): Promise<IntrospectionResponse> {
    const caller = await this.accessTokens.verifyCaller(token).catch(() => null);
    if (!caller || !(await this.stillBacked(caller))) return INACTIVE;
    // The signature was verified just above: reading the payload now reads verified claims.
    const claims = decodeJwt(token);
    const own = isMachine(caller) ? CLIENT_CLAIMS : USER_CLAIMS;
    const answer: Record<string, unknown> = { active: true, token_type: 'Bearer' };
    for (const name of [...COMMON_CLAIMS, ...own]) if (claims[name] !== undefined) answer[name] = claims[name];
    if (!isMachine(caller)) answer.username = caller.email;
    return answer as unknown as IntrospectionResponse;
  }

  private stillBacked(caller: Caller): Promise<boolean> {
    return isMachine(caller) ? this.clients.isActive(caller.clientId) : this.sessions.isLive(caller.sessionId, caller.userId);
  }
}
