import { LogoutFlow } from '@identsphere/auth';
import { SessionsService } from '@identsphere/sessions';
import { aClient, liveSessionIds, registeredUser, signedInSession } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('LogoutFlow', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  it('ends the session of a current refresh token and records a logout', async () => {
    const { user } = await registeredUser(m);
    const issued = await signedInSession(m, user);

    await m.get(LogoutFlow).logout(issued.refreshToken, null, aClient());

    expect(await liveSessionIds(m, user.id)).toEqual([]);
    expect(m.audit.of(user.id)).toEqual([expect.objectContaining({ type: 'logout', sessionId: issued.session.id })]);
  });

  it('treats a replayed refresh token as theft: the session is revoked and refresh_token_reused recorded', async () => {
    const { user } = await registeredUser(m);
    const issued = await signedInSession(m, user);
    const client = aClient();
    // Two rotations later the first token is older than the one the grace window forgives.
    await rotatedTwice(m, issued.refreshToken);

    await m.get(LogoutFlow).logout(issued.refreshToken, null, client);

    expect(await liveSessionIds(m, user.id)).toEqual([]);
    expect(m.audit.of(user.id)).toEqual([expect.objectContaining({ type: 'refresh_token_reused', sessionId: issued.session.id, ip: client.ip })]);
  });

  it('records nothing for a token of an already ended session', async () => {
    const { user } = await registeredUser(m);
    const issued = await signedInSession(m, user);
    await m.get(LogoutFlow).logout(issued.refreshToken, null, aClient());

    await m.get(LogoutFlow).logout(issued.refreshToken, null, aClient());

    expect(m.audit.typesOf(user.id)).toEqual(['logout']);
  });
});

async function rotatedTwice(m: MediumModule, refreshToken: string): Promise<void> {
  const sessions = m.get(SessionsService);
  const first = await sessions.rotate(refreshToken, aClient());
  if (first.kind !== 'rotated') throw new Error(`first rotation: ${first.kind}`);
  const second = await sessions.rotate(first.refreshToken, aClient());
  if (second.kind !== 'rotated') throw new Error(`second rotation: ${second.kind}`);
}
