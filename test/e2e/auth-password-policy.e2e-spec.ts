import request from 'supertest';
import { TestApp } from '../support/test-app';
import { bearer, expectProblem, login, signup, startAuthApp, strongPassword, uniqueEmail } from '../support/auth-factories';

/** Distinct emoji, each one code point but two UTF-16 units, so length counting is visible. */
const emoji = (n: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x1f600 + (i % 80))).join('');
/** `n` code points that repeat no short unit and contain no context word. */
const longPassword = (n: number) =>
  Array.from({ length: n }, (_, i) => 'bcdfghjkmnpqrstvwxz2345679'[(i * 7 + Math.floor(i / 26)) % 26]).join('');

describe('password policy', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAuthApp()));
  afterAll(() => t.close());

  const trySignup = (password: string, email = uniqueEmail()) =>
    request(t.server).post('/v1/auth/signup').send({ email, password });

  const expectWeak = (res: request.Response, rule: string) => {
    expectProblem(res, 400, 'weak_password');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', rule, message: expect.any(String) })]);
  };

  it('refuses a password shorter than 15 code points as too_short', async () => {
    expectWeak(await trySignup('Kx7-mvq2-Lp9zr'), 'too_short');
  });

  it('refuses a password longer than 256 code points as too_long', async () => {
    expectWeak(await trySignup(longPassword(257)), 'too_long');
  });

  it('accepts a password of exactly 256 code points', async () => {
    expect((await trySignup(longPassword(256))).status).toBe(201);
  });

  it.each(['password1234567', '123456789012345', 'qwertyuiopasdfg', 'iloveyou1234567', 'Password123456!', 'qwerty123456789', '1qaz2wsx3edc4rfv'])(
    'refuses %s, long enough but easy to guess, as guessable',
    async (password) => {
      expectWeak(await trySignup(password), 'guessable');
    },
  );

  it('refuses a guessable new password on a password change', async () => {
    const s = await signup(t.server);

    const res = await request(t.server).post('/v1/me/password').set(bearer(s.accessToken)).send({ currentPassword: s.password, newPassword: 'iloveyou1234567' });

    expectProblem(res, 400, 'weak_password');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'guessable' })]);
  });

  it('refuses a password containing the email local part, case-insensitively, as contains_context', async () => {
    const email = `margarethe-${Date.now().toString(36)}@example.com`;
    const local = email.split('@')[0];

    expectWeak(await trySignup(`xx-${local.toUpperCase()}-river-42`, email), 'contains_context');
  });

  it('refuses a password containing "identsphere" in any case as contains_context', async () => {
    expectWeak(await trySignup('my-IdentSphere-vault-2931'), 'contains_context');
    expectWeak(await trySignup('my-identsphere-vault-2931'), 'contains_context');
  });

  it('ignores an email local part shorter than four characters', async () => {
    const email = `bob@${Date.now().toString(36)}.example.com`;

    const res = await trySignup('bob-likes-green-turnips-9', email);

    expect(res.status).toBe(201);
  });

  it('counts code points: 15 emoji are accepted', async () => {
    const password = emoji(15);
    expect(password.length).toBe(30);

    const s = await signup(t.server, { password });
    const l = await login(t.server, { email: s.email, password });

    expect(l.user.id).toBe(s.user.id);
  });

  it('counts code points: 14 emoji are too_short although they are 28 UTF-16 units', async () => {
    expectWeak(await trySignup(emoji(14)), 'too_short');
  });

  it('accepts 256 emoji (512 UTF-16 units) and refuses 257 as too_long', async () => {
    expect((await trySignup(emoji(256))).status).toBe(201);
    expectWeak(await trySignup(emoji(257)), 'too_long');
  });

  it('counts length after NFKC: 5 compatibility characters that expand to 15 code points are enough', async () => {
    const password = '㎒ﬃ㎓ﬄ㎔'; // NFKC: "MHzffiGHzfflTHz"
    expect(password.normalize('NFKC')).toHaveLength(15);

    const s = await signup(t.server, { password });

    expect((await login(t.server, { email: s.email, password: 'MHzffiGHzfflTHz' })).user.id).toBe(s.user.id);
  });

  it('counts length after NFKC: 93 code points that expand past 256 are too_long', async () => {
    const compat = ['㎒', 'ﬃ', '㎓', 'ﬄ', '㎔', '㎏'];
    const password = Array.from({ length: 90 }, (_, i) => compat[(i * 5 + Math.floor(i / 6)) % 6]).join('') + 'xq7';
    expect([...password]).toHaveLength(93);
    expect([...password.normalize('NFKC')].length).toBeGreaterThan(256);

    expectWeak(await trySignup(password), 'too_long');
  });

  it('reports the policy failure of an otherwise valid body, not a generic validation error', async () => {
    const res = await trySignup('short');

    expectWeak(res, 'too_short');
  });

  it('accepts a strong password of any composition', async () => {
    const res = await trySignup('all lower case words here');

    expect(res.status).toBe(201);
  });

  it('generates factory passwords the policy accepts', async () => {
    const res = await trySignup(strongPassword());

    expect(res.status).toBe(201);
  });
});
