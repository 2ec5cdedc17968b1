import { Logger } from '@nestjs/common';
import request from 'supertest';
import { bearer, signup, strongPassword, uniqueEmail } from '../support/auth-factories';
import { confirmEmailChange, confirmVerification, eventually, forgotPassword, outboxRowsFor, resetPassword, startMailApp, tokenOf } from '../support/mail-factories';
import { captureOutput } from '../support/output-capture';
import { SmtpSink } from '../support/smtp-sink';

describe('log output of the mail flows', () => {
  it('never contains a one-time token, even when delivery fails and is retried', async () => {
    const sink = await SmtpSink.start();
    const capture = captureOutput();
    const tokens: string[] = [];
    try {
      const t = await startMailApp(sink, { env: { IDENTSPHERE_LOG_LEVEL: 'debug' } });
      try {
        new Logger('LogCaptureCheck').log('capture-marker-5c1e');
        const s = await signup(t.server);
        tokens.push(tokenOf(await sink.waitForMail(s.email, 'verify-email')));
        await request(t.server).post('/v1/auth/email/verify/request').set(bearer(s.accessToken)).expect(202);
        tokens.push(tokenOf(await sink.waitForMail(s.email, 'verify-email', 1)));
        await confirmVerification(t.server, tokens[0]).expect(400);
        await confirmVerification(t.server, tokens[1]).expect(200);

        const newEmail = uniqueEmail('logged');
        await request(t.server).post('/v1/me/email').set(bearer(s.accessToken)).send({ newEmail, password: s.password }).expect(202);
        tokens.push(tokenOf(await sink.waitForMail(newEmail, 'change-email')));
        await confirmEmailChange(t.server, tokens[2]).expect(200);

        // A delivery failure and its retry log the error, never the mail.
        await sink.stop();
        await forgotPassword(t.server, newEmail).expect(202);
        await eventually(() => outboxRowsFor(t, newEmail), (rows) => rows.some((r) => r.kind === 'reset-password' && r.last_error !== null));
        await sink.restart();
        tokens.push(tokenOf(await sink.waitForMail(newEmail, 'reset-password', 0, 30_000)));
        await resetPassword(t.server, tokens[3], 'short').expect(400);
        await resetPassword(t.server, tokens[3], strongPassword()).expect(204);
        await resetPassword(t.server, tokens[3], strongPassword()).expect(400);
      } finally {
        await t.close();
      }
    } finally {
      capture.restore();
      await sink.stop();
    }

    const output = capture.text();
    expect(output).toContain('capture-marker-5c1e');
    expect(output).toMatch(/mail sent id=\S+ kind=reset-password/);
    expect(output).toMatch(/mail delivery failed id=\S+ kind=reset-password attempt=1/);
    expect(tokens).toHaveLength(4);
    for (const token of tokens) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(token.slice(-20));
    }
  });
});
