import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditLog } from '@identsphere/audit';
import { ClientContext } from '@identsphere/common';
import { AppConfig } from '@identsphere/config';
import { TransactionHost } from '@identsphere/database';
import { WebhookPublisher } from '@identsphere/webhooks';
import { LivenessCache } from './liveness/liveness-cache';
import { RotationRead, SessionsRepository } from './persistence/sessions.repository';
import { RefreshTokenCodec } from './refresh-token.codec';
import type { RevokeReason, Session } from './session';
import { SessionErrors } from './sessions.errors';

export interface IssuedSession {
  readonly session: Session;
  readonly refreshToken: string;
}

export type RotationResult =
  /** `read`: the row of the caller's RotationRead, when the rotation itself ran it (not in the grace case). */
  | ({ readonly kind: 'rotated' | 'grace'; readonly read?: Record<string, unknown> } & IssuedSession)
  /** An already-rotated token came back: theft evidence; the session is now revoked. */
  | { readonly kind: 'reused'; readonly session: Session }
  | { readonly kind: 'expired' | 'revoked' | 'invalid' };

export type LogoutResult =
  /** The current token, or the just-replaced one inside the grace window: a plain logout. */
  | { readonly kind: 'ended'; readonly session: Session }
  /** An older token: a replay, handled like refresh reuse; the session is now revoked. */
  | { readonly kind: 'reused'; readonly session: Session }
  /** Nothing to end: not one of our tokens, or the session had already ended. */
  | { readonly kind: 'none' };

@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');
  private readonly codec: RefreshTokenCodec;
  private readonly settings: AppConfig['sessions'];

  constructor(
    private readonly sessions: SessionsRepository,
    config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly audit: AuditLog,
    private readonly liveness: LivenessCache,
    // Absent where the service is composed without WebhooksModule (the medium test tier).
    @Optional() @Inject(WebhookPublisher) private readonly webhooks: WebhookPublisher | null = null,
  ) {
    this.codec = new RefreshTokenCodec(config.tokens.secret);
    this.settings = config.sessions;
  }

  /** `acr`: 'pwd', 'mfa' or 'enrol' (what the sign-in proved; see docs/api.md, Access tokens). */
  async start(userId: string, client: ClientContext, amr: readonly string[], acr = 'pwd'): Promise<IssuedSession> {
    const session = await this.sessions.create({
      userId,
      userAgent: client.userAgent,
      ip: client.ip,
      amr,
      acr,
      absoluteTtlSeconds: this.settings.absoluteTtlSeconds,
    });
    return { session, refreshToken: this.codec.encode(session.id, session.counter) };
  }

  /**
   * One compare-and-swap on the counter. If it loses, the snapshot tells why: the just-replaced token
   * inside the grace window gets the current successor (tabs and retries converge), anything older
   * revokes the session with a committed write.
   */
  async rotate(refreshToken: string, client: ClientContext, read: RotationRead | null = null): Promise<RotationResult> {
    const claims = this.codec.decode(refreshToken);
    if (!claims) return { kind: 'invalid' };
    const rotated = await this.sessions.rotate(claims.sessionId, claims.counter, this.settings.idleTtlSeconds, client, read);
    if (rotated) {
      const { session, row } = rotated;
      return { kind: 'rotated', session, refreshToken: this.codec.encode(session.id, session.counter), ...(read ? { read: row } : {}) };
    }

    const snapshot = await this.sessions.snapshot(claims.sessionId);
    if (!snapshot || snapshot.session.revokedAt) return { kind: 'revoked' };
    const { session, now } = snapshot;
    if (!this.isLiveAt(session, now)) return { kind: 'expired' };
    if (claims.counter === session.counter - 1 && this.withinGrace(session, now)) {
      return { kind: 'grace', session, refreshToken: this.codec.encode(session.id, session.counter) };
    }
    if (claims.counter < session.counter) {
      await this.sessions.revoke(session.id, 'reuse');
      this.logger.warn(`session revoked id=${session.id} reason=reuse`);
      return { kind: 'reused', session };
    }
    return { kind: 'invalid' };
  }

  /** After a step-up: the session's auth_time becomes now, so refreshed access tokens keep the new one. */
  reauthenticate(sessionId: string, userId: string, proof: { amr: readonly string[]; acr: string }): Promise<Session | null> {
    return this.sessions.reauthenticate(sessionId, userId, proof, this.settings.idleTtlSeconds);
  }

  /**
   * The guard's check: one primary-key lookup, answered from the liveness cache while the instance hears
   * the database's invalidations, so revocation still takes effect at once on every instance.
   */
  isLive(sessionId: string, userId: string): Promise<boolean> {
    return this.liveness.isLive(sessionId, userId, () => this.sessions.liveness(sessionId, userId, this.settings.idleTtlSeconds));
  }

  list(userId: string): Promise<Session[]> {
    return this.sessions.listLive(userId, this.settings.idleTtlSeconds);
  }

  /**
   * Revokes one of the user's own sessions; another user's id is indistinguishable from an unknown one.
   * The session_revoked event (and its session.revoked webhook) commits with the revocation.
   */
  async revokeOwn(userId: string, sessionId: string, by: { client: ClientContext; sessionId: string }): Promise<void> {
    await this.tx.run(async () => {
      if (!(await this.sessions.revoke(sessionId, 'user', userId))) throw SessionErrors.notFound();
      await this.audit.record({ type: 'session_revoked', userId, sessionId, ip: by.client.ip, userAgent: by.client.userAgent, detail: { by_session: by.sessionId } });
      await this.webhooks?.publish('session.revoked', { user_id: userId, session_id: sessionId, reason: 'revoked' });
    });
  }

  /** Revokes one session; returns its owner's user id when a live session was revoked, null otherwise. */
  revoke(sessionId: string, reason: RevokeReason): Promise<string | null> {
    return this.sessions.revoke(sessionId, reason);
  }

  /** Revokes one session and returns it (with its provider binding), or null when it had already ended. */
  end(sessionId: string, reason: RevokeReason): Promise<Session | null> {
    return this.sessions.end(sessionId, reason);
  }

  revokeAll(userId: string, reason: RevokeReason, exceptSessionId: string | null = null): Promise<string[]> {
    return this.sessions.revokeAll(userId, reason, exceptSessionId);
  }

  /**
   * Binds a session just started through SSO to the provider (and the provider's session id, the ID token's
   * `sid`, when it sent one), so back-channel logout can find it. Joins the caller's transaction.
   */
  async attachIdp(sessionId: string, providerId: string, idpSid: string | null): Promise<void> {
    if (!(await this.sessions.attachIdp(sessionId, providerId, idpSid))) throw SessionErrors.notFound();
  }

  /**
   * Ends the sessions a provider's logout names: those of its session `sid`, and/or of `userIds` (the users
   * linked to the logout's `sub`); with both, a session must match both. Naming neither ends nothing (never
   * "every session of the provider"). Joins the caller's transaction; returns the sessions revoked.
   */
  revokeForIdp(providerId: string, match: { sid?: string; userIds?: readonly string[] }, reason: RevokeReason): Promise<Session[]> {
    if (match.sid === undefined && match.userIds === undefined) return Promise.resolve([]);
    return this.sessions.revokeForIdp(providerId, { sid: match.sid ?? null, userIds: match.userIds ?? null }, reason);
  }

  /**
   * Ends the session a refresh token names, judging the token as rotate() does: a token older than the
   * grace window proves someone replays a stolen copy, so it revokes as reuse rather than as a logout.
   * Joins the caller's transaction, so the caller's event commits with the revocation.
   */
  async endWithRefreshToken(refreshToken: string): Promise<LogoutResult> {
    const claims = this.codec.decode(refreshToken);
    const snapshot = claims ? await this.sessions.snapshot(claims.sessionId) : null;
    if (!claims || !snapshot || snapshot.session.revokedAt || claims.counter > snapshot.session.counter) return { kind: 'none' };
    const { session, now } = snapshot;
    const replayed = this.isLiveAt(session, now) && this.isReplay(claims.counter, session, now);
    if (!(await this.sessions.revoke(session.id, replayed ? 'reuse' : 'logout'))) return { kind: 'none' };
    if (!replayed) return { kind: 'ended', session };
    this.logger.warn(`session revoked id=${session.id} reason=reuse`);
    return { kind: 'reused', session };
  }

  /** Cookie lifetime: the idle timeout, capped by the session's remaining absolute lifetime. */
  cookieMaxAgeSeconds(session: Session, now = new Date()): number {
    const remaining = Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000);
    return Math.max(0, Math.min(this.settings.idleTtlSeconds, remaining));
  }

  /** When the session will end if unused: the earlier of idle and absolute expiry. */
  effectiveExpiry(session: Session): Date {
    const idleEnd = session.lastUsedAt.getTime() + this.settings.idleTtlSeconds * 1000;
    return new Date(Math.min(idleEnd, session.expiresAt.getTime()));
  }

  private isLiveAt(session: Session, now: Date): boolean {
    return session.expiresAt > now && now.getTime() - session.lastUsedAt.getTime() < this.settings.idleTtlSeconds * 1000;
  }

  /** Older than the current token, and not the just-replaced one coming back inside the grace window. */
  private isReplay(counter: number, session: Session, now: Date): boolean {
    const graceRetry = counter === session.counter - 1 && this.withinGrace(session, now);
    return counter < session.counter && !graceRetry;
  }

  private withinGrace(session: Session, now: Date): boolean {
    return session.rotatedAt !== null && now.getTime() - session.rotatedAt.getTime() <= this.settings.refreshGraceSeconds * 1000;
  }
}
