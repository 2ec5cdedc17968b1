import { counted, flowEvent, FlowOutcomes, mailOwner } from '@identsphere/auth';
import { TransactionHost } from '@identsphere/database';
import { MetricsRegistry } from '@identsphere/observability';
import { aClient, registeredUser } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

// Audit rows and mails join the flow's transaction; a counter cannot, so it waits for the commit.
describe('FlowOutcomes in a transaction', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  async function lockedLogins(): Promise<number> {
    const metric = m.get(MetricsRegistry).registry.getSingleMetric('identsphere_logins_total');
    const values = (await metric!.get()).values;
    return values.find((v) => v.labels.outcome === 'throttled')?.value ?? 0;
  }

  it('commits the row, the mail and the count together, counting only after the commit', async () => {
    const { user } = await registeredUser(m);
    const before = await lockedLogins();
    let countInsideTransaction = -1;

    await m.get(TransactionHost).run(async () => {
      // A nested run joins the outer transaction: its count too waits for the outermost commit.
      await m.get(TransactionHost).run(() =>
        m.get(FlowOutcomes).record([flowEvent('account_locked', user.id), mailOwner(user.id, { kind: 'password-changed' }), counted.login('throttled')], aClient()),
      );
      countInsideTransaction = await lockedLogins();
    });

    expect(countInsideTransaction).toBe(before);
    expect(await lockedLogins()).toBe(before + 1);
    expect(m.audit.typesOf(user.id)).toEqual(['account_locked']);
    expect(m.mail.to(user.email, 'password-changed')).toEqual([{ kind: 'password-changed', to: user.email }]);
  });

  it('leaves no row, no mail and no count behind a rolled-back change', async () => {
    const { user } = await registeredUser(m);
    const before = await lockedLogins();

    const run = m.get(TransactionHost).run(async () => {
      await m.get(FlowOutcomes).record([flowEvent('account_locked', user.id), mailOwner(user.id, { kind: 'password-changed' }), counted.login('throttled')], aClient());
      throw new Error('the change failed');
    });

    await expect(run).rejects.toThrow('the change failed');
    expect(await lockedLogins()).toBe(before);
    expect(m.audit.of(user.id)).toEqual([]);
    expect(m.mail.to(user.email, 'password-changed')).toEqual([]);
  });

  it('counts at once outside a transaction', async () => {
    const before = await lockedLogins();
    await m.get(FlowOutcomes).record([counted.login('throttled')], aClient());
    expect(await lockedLogins()).toBe(before + 1);
  });
});
