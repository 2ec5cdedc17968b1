import request from 'supertest';
import { dataSource, login, signup, startAuthApp } from '../support/auth-factories';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const storedHash = async (t: Awaited<ReturnType<typeof startAuthApp>>, userId: string): Promise<string> =>
  (await dataSource(t).query('SELECT password_hash FROM users WHERE id = $1', [userId]))[0].password_hash;

describe('re-hashing on login after the Argon2 cost is raised', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it('upgrades the stored hash to the configured parameters on the next successful login only', async () => {
    const before = await startAuthApp({ db, env: { IDENTSPHERE_ARGON2_ITERATIONS: '2' } });
    const account = await signup(before.server);
    expect(await storedHash(before, account.user.id)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await before.close();

    const after = await startAuthApp({ db, env: { IDENTSPHERE_ARGON2_ITERATIONS: '3' } });
    try {
      await request(after.server).post('/v1/auth/login').send({ email: account.email, password: 'wrong password but long enough' }).expect(401);
      expect(await storedHash(after, account.user.id)).toMatch(/t=2,p=1\$/);

      await login(after.server, { email: account.email, password: account.password });
      expect(await storedHash(after, account.user.id)).toMatch(/^\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
      // The upgraded hash still verifies the same password.
      await login(after.server, { email: account.email, password: account.password });
    } finally {
      await after.close();
    }
  });
});
