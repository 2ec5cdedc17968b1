import request from 'supertest';
import { dataSource, HttpServer, startAuthApp } from './auth-factories';
import { SmtpSink as SmtpSinkClass, type ReceivedMail, type SmtpSink } from './smtp-sink';
import type { TestApp, TestAppOptions } from './test-app';

/** An auth test app that delivers its mail to the sink over real SMTP. */
export function startMailApp(sink: SmtpSink, options: TestAppOptions = {}): Promise<TestApp> {
  return startAuthApp({ ...options, env: { IDENTSPHERE_SMTP_URL: sink.url, ...options.env } });
}

/** The one link in a mail's text part. */
export function linkOf(mail: ReceivedMail): URL {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`mail ${mail.kind} has no link`);
  return new URL(match[0]);
}

/** The token of the mail's link (default link template: `?token=`). */
export function tokenOf(mail: ReceivedMail): string {
  const token = linkOf(mail).searchParams.get('token');
  if (!token) throw new Error(`mail ${mail.kind} link has no token`);
  return token;
}

export const confirmVerification = (server: HttpServer, token: string) => request(server).post('/v1/auth/email/verify/confirm').send({ token });
export const forgotPassword = (server: HttpServer, email: string) => request(server).post('/v1/auth/password/forgot').send({ email });
export const resetPassword = (server: HttpServer, token: string, newPassword: string) =>
  request(server).post('/v1/auth/password/reset').send({ token, newPassword });
export const confirmEmailChange = (server: HttpServer, token: string) => request(server).post('/v1/auth/email/change/confirm').send({ token });

export interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  payload: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
}

export async function outboxRowsFor(t: TestApp, recipient: string): Promise<OutboxRow[]> {
  return dataSource(t).query('SELECT * FROM mail_outbox WHERE recipient = $1 ORDER BY created_at', [recipient]);
}

/** Polls until `check` holds (for state the outbox worker changes in the background). */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * One SMTP sink and one mail app for a whole test file, started before its tests and stopped after them.
 * Read `mail.t` and `mail.sink` inside tests (they exist once beforeAll has run).
 */
export function useMailApp(options: TestAppOptions = {}): { readonly t: TestApp; readonly sink: SmtpSink } {
  const state: { t?: TestApp; sink?: SmtpSink } = {};
  beforeAll(async () => {
    state.sink = await SmtpSinkClass.start();
    state.t = await startMailApp(state.sink, options);
  });
  afterAll(async () => {
    await state.t?.close();
    await state.sink?.stop();
  });
  return {
    get t() {
      if (!state.t) throw new Error('useMailApp: the app starts in beforeAll');
      return state.t;
    },
    get sink() {
      if (!state.sink) throw new Error('useMailApp: the sink starts in beforeAll');
      return state.sink;
    },
  };
}
