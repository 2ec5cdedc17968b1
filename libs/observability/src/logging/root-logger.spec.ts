import { createRootLogger } from './root-logger';
import { REDACTED } from './redaction';

function captured(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  let text = '';
  const logger = createRootLogger({ level, destination: { write: (chunk: string) => (text += chunk) } });
  return { logger, lines: () => text.split('\n').filter(Boolean).map((l) => JSON.parse(l)), raw: () => text };
}

describe('createRootLogger', () => {
  it('writes JSON lines with a level name and an ISO timestamp', () => {
    const { logger, lines } = captured();
    logger.info({ route: '/health' }, 'request');
    expect(lines()[0]).toMatchObject({ level: 'info', msg: 'request', route: '/health', service: 'identsphere' });
    expect(new Date(lines()[0].time).toISOString()).toBe(lines()[0].time);
  });

  it('censors Authorization, Cookie and Set-Cookie headers by configuration', () => {
    const { logger, lines, raw } = captured();
    logger.info({
      req: { headers: { authorization: 'Bearer eyJ.secret-access', cookie: 'identsphere_refresh=secret-cookie', 'user-agent': 'curl/8' } },
      res: { headers: { 'set-cookie': ['__Host-identsphere_refresh=secret-set-cookie; Path=/'] } },
      headers: { Authorization: 'Bearer eyJ.secret-upper' },
    });
    const line = lines()[0];
    expect(line.req.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, 'user-agent': 'curl/8' });
    expect(line.res.headers['set-cookie']).toBe(REDACTED);
    for (const secret of ['secret-access', 'secret-cookie', 'secret-set-cookie', 'secret-upper']) expect(raw()).not.toContain(secret);
  });

  it('censors token, password and secret fields at any of the first three levels', () => {
    const { logger, lines, raw } = captured();
    logger.warn({
      password: 'pw-top',
      body: { currentPassword: 'pw-current', newPassword: 'pw-new', refreshToken: 'rt-body' },
      err: { config: { token: 'tok-deep', secret: 'sec-deep' } },
      accessToken: 'at-top',
      email: 'kept@example.com',
    });
    const line = lines()[0];
    expect(line).toMatchObject({ password: REDACTED, accessToken: REDACTED, email: 'kept@example.com' });
    expect(line.body).toEqual({ currentPassword: REDACTED, newPassword: REDACTED, refreshToken: REDACTED });
    expect(line.err.config).toEqual({ token: REDACTED, secret: REDACTED });
    for (const secret of ['pw-top', 'pw-current', 'pw-new', 'rt-body', 'tok-deep', 'sec-deep', 'at-top']) expect(raw()).not.toContain(secret);
  });

  it('drops lines below the configured level', () => {
    const { logger, lines } = captured('warn');
    logger.info('chatty');
    logger.debug('chattier');
    logger.warn('kept');
    expect(lines().map((l) => l.msg)).toEqual(['kept']);
  });
});
