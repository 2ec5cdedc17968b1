import { ChannelSubscriber, DatabaseNotifications } from './database-notifications';

function recorder(): ChannelSubscriber & { messages: string[]; resets: number } {
  const r = { messages: [] as string[], resets: 0, message: (p: string) => r.messages.push(p), reset: () => r.resets++ };
  return r;
}

describe('DatabaseNotifications', () => {
  it('delivers a NOTICE `<channel>:<payload>` of a subscribed channel like a notification', () => {
    const hub = new DatabaseNotifications();
    const sub = recorder();
    hub.subscribe('identsphere_liveness', sub);
    hub.deliverNotice('identsphere_liveness:1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    hub.deliver('identsphere_liveness', 'u2');
    expect(sub.messages).toEqual(['1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'u2']);
  });

  it('ignores any other NOTICE', () => {
    const hub = new DatabaseNotifications();
    const sub = recorder();
    hub.subscribe('identsphere_liveness', sub);
    for (const message of [undefined, '', 'relation "x" already exists, skipping', ':u1', 'other_channel:u1', 'identsphere_livenes:u1']) hub.deliverNotice(message);
    expect(sub.messages).toEqual([]);
  });

  it('makes every subscriber forget when listening starts or stops', () => {
    const hub = new DatabaseNotifications();
    const sub = recorder();
    hub.subscribe('a', sub);
    expect(hub.isListening).toBe(false);
    hub.setListening(true);
    expect(hub.isListening).toBe(true);
    hub.setListening(false);
    expect(sub.resets).toBe(2);
  });

  it('refuses a channel name that LISTEN could not take as it is', () => {
    expect(() => new DatabaseNotifications().subscribe('x"; DROP TABLE users; --', recorder())).toThrow(/invalid channel/);
  });
});
