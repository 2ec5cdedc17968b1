import { AuditLog } from '@identsphere/audit';
import { TransactionHost } from '@identsphere/database';
import { Mailer } from '@identsphere/mail';
import { uniqueEmail } from '../support/auth-factories';
import { registeredUser } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

// The fakes keep the real collaborators' transactional promise, or a flow's rollback tests would lie.
describe('the recording Mailer and AuditLog of a medium module', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  it('stand in for the real ones everywhere in the graph', () => {
    expect(m.get(Mailer)).toBe(m.mail);
    expect(m.get(AuditLog)).toBe(m.audit);
  });

  it('keep what a committed transaction sent and recorded', async () => {
    const { user } = await registeredUser(m);
    const to = uniqueEmail();

    await m.get(TransactionHost).run(async () => {
      await m.get(Mailer).enqueue({ kind: 'password-changed', to });
      await m.get(AuditLog).record({ type: 'password_changed', userId: user.id });
    });

    expect(m.mail.to(to)).toEqual([{ kind: 'password-changed', to }]);
    expect(m.audit.typesOf(user.id)).toEqual(['password_changed']);
  });

  it('forget what a rolled-back transaction sent and recorded', async () => {
    const { user } = await registeredUser(m);
    const to = uniqueEmail();

    const run = m.get(TransactionHost).run(async () => {
      await m.get(Mailer).enqueue({ kind: 'password-changed', to });
      await m.get(AuditLog).record({ type: 'password_changed', userId: user.id });
      throw new Error('the change failed');
    });

    await expect(run).rejects.toThrow('the change failed');
    expect(m.mail.to(to)).toEqual([]);
    expect(m.audit.of(user.id)).toEqual([]);
  });
});
