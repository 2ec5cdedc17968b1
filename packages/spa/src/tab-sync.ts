// How the tabs of one app share one session. The refresh cookie rotates: two tabs refreshing with the same
// cookie would present a rotated token and the service would revoke the session (reuse detection). So a
// refresh runs under a Web Lock shared by the tabs, and each tab broadcasts what it got (token, expiry,
// user) on a BroadcastChannel; a tab that waited for the lock finds the fresh token adopted and does not
// refresh again. Without Web Locks the tabs elect one refresher over the channel itself.
import type { User } from '@identsphere/client';

/** An access token as the tabs share it. `expiresAt` is epoch milliseconds (the tabs share one clock). */
export interface SharedToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly lifetimeMs: number;
  readonly user: User;
}

export type TabMessage =
  /** A tab signed in, refreshed or stepped up. */
  | { readonly type: 'token'; readonly token: SharedToken }
  /** A tab signed out: every tab drops its token. */
  | { readonly type: 'signedOut' }
  /** A refresh was refused (session expired, revoked or reused): the session is over in every tab. */
  | { readonly type: 'expired' }
  // The election used without Web Locks: a claim, answered 'busy' by a tab already refreshing; the
  // refresher's outcome is a 'token', 'expired' or 'failed' message.
  | { readonly type: 'claim'; readonly tab: string; readonly at: number }
  | { readonly type: 'busy' }
  | { readonly type: 'failed' };

const MESSAGE_TYPES: readonly string[] = ['token', 'signedOut', 'expired', 'claim', 'busy', 'failed'];

/** After a refresh the lock is held this much longer, so a tab waiting for it reads the broadcast first. */
const LOCK_SETTLE_MS = 50;
/** Without Web Locks: how long a claim waits for an earlier rival, and for the elected tab's outcome. */
const CLAIM_WINDOW_MS = 60;
const FOLLOW_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TabSync {
  private readonly channel: BroadcastChannel | null;
  private readonly tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  private leading = false;
  private claim: { at: number; lost: boolean } | null = null;
  private readonly outcomeWaiters = new Set<() => void>();

  constructor(
    private readonly name: string,
    private readonly onMessage: (message: TabMessage) => void,
    private readonly locks: LockManager | undefined = globalThis.navigator?.locks,
  ) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    if (this.channel) this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
  }

  post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  /**
   * Runs `work` while no other tab runs it: under the Web Lock, else as the tab the others elected, else
   * (no channel either) just here. `work` must itself check whether another tab's result arrived meanwhile.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.locks) return this.underLock(this.locks, work);
    if (this.channel) return this.elected(work);
    return work();
  }

  close(): void {
    this.channel?.close();
    this.outcomeWaiters.forEach((wake) => wake());
  }

  private underLock<T>(locks: LockManager, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      locks
        .request(this.name, async () => {
          try {
            resolve(await work());
          } catch (error) {
            reject(error);
            return;
          }
          // The caller already has its token; only the next tab in line waits for the settle.
          await sleep(LOCK_SETTLE_MS);
        })
        .catch(reject);
    });
  }

  private async elected<T>(work: () => Promise<T>): Promise<T> {
    if (await this.winClaim()) {
      this.leading = true;
      try {
        return await work();
      } catch (error) {
        this.post({ type: 'failed' });
        throw error;
      } finally {
        this.leading = false;
      }
    }
    await this.nextOutcome();
    // The elected tab's token (or its end of the session) has been adopted by now; on a failure or a
    // silent tab, `work` refreshes itself.
    return work();
  }

  private async winClaim(): Promise<boolean> {
    const claim = { at: Date.now(), lost: false };
    this.claim = claim;
    this.post({ type: 'claim', tab: this.tabId, at: claim.at });
    await sleep(CLAIM_WINDOW_MS);
    this.claim = null;
    return !claim.lost;
  }

  private nextOutcome(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.outcomeWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, FOLLOW_TIMEOUT_MS);
      this.outcomeWaiters.add(wake);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'object' || data === null || !MESSAGE_TYPES.includes((data as { type?: string }).type ?? '')) return;
    const message = data as TabMessage;
    switch (message.type) {
      case 'claim':
        if (this.leading) this.post({ type: 'busy' });
        else if (this.claim && (message.at < this.claim.at || (message.at === this.claim.at && message.tab < this.tabId))) this.claim.lost = true;
        return;
      case 'busy':
        if (this.claim) this.claim.lost = true;
        return;
      default:
        this.onMessage(message);
        if (message.type !== 'signedOut') this.outcomeWaiters.forEach((wake) => wake());
    }
  }
}
