import { Logger } from '@nestjs/common';
import request from 'supertest';
import { captureOutput } from '../support/output-capture';
import { TestApp } from '../support/test-app';
import {
  BEARER_MODE,
  CSRF_HEADER,
  bearer,
  dataSource,
  login,
  refreshWithCookie,
  refreshWithToken,
  rotated,
  signup,
  startAuthApp,
  strongPassword,
} from '../support/auth-factories';
import { ageSession } from '../support/time-travel';

describe('log output of the auth flows', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp({ env: { IDENTSPHERE_LOG_LEVEL: 'debug', IDENTSPHERE_REFRESH_GRACE: '1' } })));
  afterAll(() => t.close());

  it('never contains a password, access token, refresh token or password hash', async () => {
    const secrets: string[] = [];
    const capture = captureOutput();
    try {
      new Logger('LogCaptureCheck').log('capture-marker-7f3a');

      const s = await signup(t.server);
      const b = await login(t.server, { email: s.email, password: s.password, mode: 'bearer' });
      secrets.push(s.password, s.accessToken, s.refreshToken, b.accessToken, b.refreshToken);

      const wrong = `${s.password}-not-it`;
      secrets.push(wrong);
      await request(t.server).post('/v1/auth/login').send({ email: s.email, password: wrong }).expect(401);

      const cookieNext = rotated(await refreshWithCookie(t.server, s.cookieHeader));
      secrets.push(cookieNext.accessToken, cookieNext.refreshToken);
      const bearerNext = await refreshWithToken(t.server, b.refreshToken).expect(200);
      secrets.push(bearerNext.body.accessToken, bearerNext.body.refreshToken);

      const [hashRow] = await dataSource(t).query('SELECT password_hash FROM users WHERE id = $1', [s.user.id]);
      secrets.push(hashRow.password_hash);

      const newPassword = strongPassword();
      secrets.push(newPassword);
      await request(t.server)
        .post('/v1/me/password')
        .set(bearer(cookieNext.accessToken))
        .send({ currentPassword: s.password, newPassword })
        .expect(204);
      const [newHashRow] = await dataSource(t).query('SELECT password_hash FROM users WHERE id = $1', [s.user.id]);
      secrets.push(newHashRow.password_hash);

      const weak = 'tiny-pass';
      await request(t.server).post('/v1/auth/signup').send({ email: `weak-${s.email}`, password: weak }).expect(400);

      // Reuse of a rotated token after the grace window: the theft path logs an event.
      const victim = await login(t.server, { email: s.email, password: newPassword, mode: 'bearer' });
      secrets.push(victim.accessToken, victim.refreshToken);
      const victimNext = await refreshWithToken(t.server, victim.refreshToken).expect(200);
      secrets.push(victimNext.body.accessToken, victimNext.body.refreshToken);
      await ageSession(t, victim.sessionId, 2);
      await refreshWithToken(t.server, victim.refreshToken).expect(401);

      await request(t.server).post('/v1/auth/logout').set('Cookie', cookieNext.cookieHeader).set(CSRF_HEADER).expect(204);
      await request(t.server).post('/v1/auth/logout').set(BEARER_MODE).send({ refreshToken: bearerNext.body.refreshToken }).expect(204);
    } finally {
      capture.restore();
    }

    const output = capture.text();
    expect(output).toContain('capture-marker-7f3a');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(output).not.toContain(secret);
      // Tokens are often logged in part; a JWT's signature or a refresh token's tail would be just as bad.
      expect(output).not.toContain(secret.slice(-24));
    }
    expect(output).not.toMatch(/\$argon2id\$/);
  });
});
