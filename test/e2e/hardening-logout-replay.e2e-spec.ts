import request from 'supertest';
import { storedEvents } from '../support/abuse-helpers';
import { AuthResult, BEARER_MODE, dataSource, expectProblem, refreshWithToken, signup, startAuthApp } from '../support/auth-factories';
import { TestApp } from '../support/test-app';

/** Logout with a refresh token that was rotated away longer ago than the grace window is a replay. */
describe('logout with a refresh token', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_REFRESH_GRACE: '30' } })));
  afterAll(() => t.close());

  const logout = (refreshToken: string) => request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken });
  const eventTypes = async (userId: string) => (await storedEvents(t, userId)).map((e) => e.type);
  const sessionRow = async (id: string) => (await dataSource(t).query('SELECT revoked_at, revoke_reason FROM sessions WHERE id = $1', [id]))[0];

  /** Signs up in bearer mode and rotates once: returns the replaced token and the current one. */
  async function rotatedOnce(): Promise<{ s: AuthResult; replaced: string; current: string }> {
    const s = await signup(t.server, { mode: 'bearer' });
    const next = await refreshWithToken(t.server, s.refreshToken).expect(200);
    return { s, replaced: s.refreshToken, current: next.body.refreshToken };
  }

  /** Moves the last rotation out of the grace window by rewriting its time (no sleeping). */
  const ageRotation = (sessionId: string) => dataSource(t).query(`UPDATE sessions SET rotated_at = now() - interval '1 hour' WHERE id = $1`, [sessionId]);

  it('treats a token older than the grace window as reuse: revokes the session and records refresh_token_reused', async () => {
    const { s, replaced, current } = await rotatedOnce();
    await ageRotation(s.sessionId);

    await logout(replaced).expect(204);

    expect(await sessionRow(s.sessionId)).toMatchObject({ revoke_reason: 'reuse' });
    const types = await eventTypes(s.user.id);
    expect(types).toContain('refresh_token_reused');
    expect(types).not.toContain('logout');
    expectProblem(await refreshWithToken(t.server, current), 401, 'session_revoked');
  });

  it('stays 204 and records nothing more when the replay is repeated', async () => {
    const { s, replaced } = await rotatedOnce();
    await ageRotation(s.sessionId);
    await logout(replaced).expect(204);
    const before = await eventTypes(s.user.id);

    await logout(replaced).expect(204);

    expect(await eventTypes(s.user.id)).toEqual(before);
  });

  it('is a plain logout with the current token', async () => {
    const { s, current } = await rotatedOnce();
    await ageRotation(s.sessionId);

    await logout(current).expect(204);

    expect(await sessionRow(s.sessionId)).toMatchObject({ revoke_reason: 'logout' });
    const types = await eventTypes(s.user.id);
    expect(types).toContain('logout');
    expect(types).not.toContain('refresh_token_reused');
  });

  it('is a plain logout with the just-replaced token inside the grace window', async () => {
    const { s, replaced } = await rotatedOnce();

    await logout(replaced).expect(204);

    expect(await sessionRow(s.sessionId)).toMatchObject({ revoke_reason: 'logout' });
    expect(await eventTypes(s.user.id)).not.toContain('refresh_token_reused');
  });
});
