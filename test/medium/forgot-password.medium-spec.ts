import { ForgotPasswordFlow } from '@identsphere/auth';
import { MetricsRegistry } from '@identsphere/observability';
import { eventually } from '../support/eventually';
import { aClient, linkWorks, registeredUser, spentMailBudget } from '../support/medium/factories';
import { MediumModule, newMediumModule } from '../support/medium/medium-module';

describe('ForgotPasswordFlow', () => {
  let m: MediumModule;
  beforeAll(async () => (m = await newMediumModule()));
  afterAll(() => m?.close());

  it('mails a working reset link to an existing account', async () => {
    const { email } = await registeredUser(m);

    await m.get(ForgotPasswordFlow).forgot(email, aClient());

    // The look-up and the mail happen after the answer is decided, so they land a moment later.
    await eventually(async () => m.mail.to(email, 'reset-password').length === 1, 5_000, 20);
    expect(await linkWorks(m, 'reset-password', m.mail.tokenOf(email, 'reset-password'))).toBe(true);
  });

  it('drops the mail silently when the address has spent its budget: no mail, no 429, a counted drop', async () => {
    const { email } = await registeredUser(m);
    await spentMailBudget(m, email);
    const droppedBefore = await droppedForBudget(m);

    await expect(m.get(ForgotPasswordFlow).forgot(email, aClient())).resolves.toBeUndefined();

    // A dropped request queues no background work, so nothing can still arrive.
    expect(m.mail.to(email)).toEqual([]);
    expect(await droppedForBudget(m)).toBe(droppedBefore + 1);
  });
});

async function droppedForBudget(m: MediumModule): Promise<number> {
  const metric = await m.get(MetricsRegistry).registry.getSingleMetric('identsphere_mail_dropped_total')?.get();
  return metric?.values.find((v) => v.labels.reason === 'recipient_budget')?.value ?? 0;
}
