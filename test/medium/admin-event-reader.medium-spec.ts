import { AccountAdminFlow, AdminModule } from '@identsphere/admin';
import { AdminEventReader, AuditReader } from '@identsphere/audit';
import { aClient, registeredUser } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('admin events in the real audit log', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule({ imports: [AdminModule], fakes: { audit: false } })));
  afterAll(() => m?.close());

  it('stores the actor: admins read it by actor, the owner reads the event without it', async () => {
    const { user } = await registeredUser(m);
    const actorId = `svc-${user.id.slice(0, 8)}`;

    await m.get(AccountAdminFlow).setRoles(user.id, ['support'], { actorId, client: aClient() });

    const page = await m.get(AdminEventReader).list({ actorId });
    expect(page.items).toEqual([expect.objectContaining({ type: 'roles_changed', userId: user.id, actorId, detail: { added: 'support', removed: '' } })]);
    const own = await m.get(AuditReader).listForUser(user.id);
    expect(own.items).toEqual([expect.objectContaining({ type: 'roles_changed', actorId })]);
  });
});
