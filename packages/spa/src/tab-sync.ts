// How the tabs of one app share one session. The refresh cookie rotates: two tabs refreshing with the same
// cookie would present a rotated token and the service would revoke the session (reuse detection). So a
// refresh runs under a Web Lock shared by the tabs, and each tab broadcasts what it got (token, expiry,
// user) on a BroadcastChannel; a tab that waited for the lock finds the fresh token adopted and does not
// refresh again: the tab that refreshed keeps the lock until every tab waiting for it has acknowledged the
// broadcast (the channel and the lock manager are separate paths, so without the acknowledgement a waiting
// tab could be granted the lock before the message reached it). Without Web Locks the tabs elect one
// refresher over the channel itself.
// (Closures rather than classes: private state in local variables minifies to single letters.)
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
  | { readonly type: 'failed' }
  /** A tab waiting for the lock has read a 'token' or 'expired' broadcast. */
  | { readonly type: 'ack' };

export interface TabSync {
  post(message: TabMessage): void;
  /**
   * Runs `work` while no other tab runs it: under the Web Lock, else as the tab the others elected, else
   * (no channel either) just here. `work` must itself check whether another tab's result arrived meanwhile.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

/** At most this long the lock holder waits for the waiting tabs' acknowledgements (a tab may close meanwhile). */
const ACK_TIMEOUT_MS = 1000;
/**
 * Without Web Locks: how long a claim waits for an earlier rival, and at most for the elected tab's outcome.
 * A rival's claim slower than the window makes two winners; the service's refresh grace window (the same
 * successor for a token replaced moments ago) then keeps the session alive, at the cost of a second rotation.
 */
const CLAIM_WINDOW_MS = 150;
const FOLLOW_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTabSync(name: string, onMessage: (message: TabMessage) => void, locks: LockManager | undefined = globalThis.navigator?.locks): TabSync {
  let channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
  const tabId = Math.random().toString(36).slice(2);
  let leading = false;
  /** This tab's lock requests not yet granted; acknowledgements received; whether the holder broadcast. */
  let waiting = 0;
  let acks = 0;
  let announced = false;
  let claim: { at: number; lost: boolean } | null = null;
  const outcomeWaiters = new Set<() => void>();
  /** A follower of the election wakes up on any outcome (and when the tab closes). */
  const wakeFollowers = () => outcomeWaiters.forEach((wake) => wake());

  const post = (message: TabMessage) => {
    if (message.type === 'token' || message.type === 'expired') announced = true;
    channel?.postMessage(message);
  };

  /** Holds the lock until each tab waiting for it has read this tab's broadcast. */
  async function othersCaughtUp(lockManager: LockManager): Promise<void> {
    const others = (await lockManager.query()).pending?.filter((lock) => lock.name === name).length ?? 0;
    for (let waited = 0; acks < others && waited < ACK_TIMEOUT_MS; waited += 10) await sleep(10);
  }

  const underLock = <T>(lockManager: LockManager, work: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting++;
      lockManager
        .request(name, async () => {
          waiting--;
          acks = 0;
          announced = false;
          try {
            resolve(await work());
          } catch (error) {
            return reject(error);
          }
          // The caller already has its token; only the tabs next in line wait for this.
          if (announced) await othersCaughtUp(lockManager);
        })
        .catch(reject);
    });

  async function winClaim(): Promise<boolean> {
    const mine = (claim = { at: Date.now(), lost: false });
    post({ type: 'claim', tab: tabId, at: mine.at });
    await sleep(CLAIM_WINDOW_MS);
    claim = null;
    return !mine.lost;
  }

  const nextOutcome = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        outcomeWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, FOLLOW_TIMEOUT_MS);
      outcomeWaiters.add(wake);
    });

  async function elected<T>(work: () => Promise<T>): Promise<T> {
    if (!(await winClaim())) {
      await nextOutcome();
      // The elected tab's token (or the end of the session) has been adopted by now; after a failure or
      // a silent tab, `work` refreshes itself.
      return work();
    }
    leading = true;
    try {
      return await work();
    } catch (error) {
      post({ type: 'failed' });
      throw error;
    } finally {
      leading = false;
    }
  }

  if (channel)
    channel.onmessage = ({ data }: MessageEvent) => {
      // Same-origin only, but any script of the origin may post here: read nothing that is not ours.
      const message = data as TabMessage | null;
      switch (message?.type) {
        case 'claim':
          if (leading) post({ type: 'busy' });
          else if (claim && (message.at < claim.at || (message.at === claim.at && message.tab < tabId))) claim.lost = true;
          return;
        case 'busy':
          if (claim) claim.lost = true;
          return;
        case 'ack':
          acks++;
          return;
        case 'signedOut':
          return onMessage(message);
        case 'token':
        case 'expired':
          onMessage(message);
          if (waiting) post({ type: 'ack' });
          return wakeFollowers();
        case 'failed':
          return wakeFollowers();
      }
    };

  return {
    post,
    exclusive: (work) => (locks ? underLock(locks, work) : channel ? elected(work) : work()),
    close() {
      // Dropped, not only closed: a refresh finishing after close() must not post on a closed channel (it throws).
      channel?.close();
      channel = null;
      wakeFollowers();
    },
  };
}
