import type { ChannelSubscriber } from '@identsphere/database';

/** The channel the migration's triggers announce on; the payload is the affected user's id. */
export const LIVENESS_CHANNEL = 'identsphere_liveness';

/** What the database answered for one session. */
export interface LivenessAnswer {
  readonly live: boolean;
  /** How much longer it stays live at most (absolute expiry, idle timeout), by the database's clock; 0 when not live. */
  readonly remainingMs: number;
}

/** Whether invalidations from every instance currently arrive (DatabaseNotifications.isListening). */
export interface InvalidationFeed {
  readonly isListening: boolean;
}

/** What the cache reports to its metrics. */
export interface LivenessCacheEvents {
  lookup(result: 'hit' | 'miss' | 'bypass'): void;
  invalidated(reason: 'user' | 'reset'): void;
}

export interface LivenessCacheOptions {
  /** Upper bound on how long a positive answer is reused: the staleness bound should announcements fail unnoticed. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** Monotonic milliseconds (a wall-clock step must not stretch an entry). */
  readonly now: () => number;
}

export const LIVENESS_CACHE_DEFAULTS: LivenessCacheOptions = { ttlMs: 10_000, maxEntries: 10_000, now: () => performance.now() };

interface Entry {
  readonly userId: string;
  readonly until: number;
}

/**
 * Positive liveness answers of recent sessions, reused until an announcement says the user's sessions or
 * account changed (revoked, disabled, deleted, shortened), until the session's own end, and at most `ttlMs`.
 * Negative answers are never kept: a 401 is cheap and must stay exact.
 *
 * Trusted only while the invalidation feed is listening: while deaf (listener connection lost, not yet
 * connected) every lookup goes to the database, and the feed's reset empties the cache on both edges.
 * `generation` closes the remaining race: an answer read before an invalidation but returned after it may
 * predate the change, so it is used once and not kept.
 */
export class LivenessCache implements ChannelSubscriber {
  /** Insertion order is recency order: a hit re-inserts, the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private generation = 0;

  constructor(
    private readonly feed: InvalidationFeed,
    private readonly events: LivenessCacheEvents,
    private readonly options: LivenessCacheOptions = LIVENESS_CACHE_DEFAULTS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async isLive(sessionId: string, userId: string, lookup: () => Promise<LivenessAnswer>): Promise<boolean> {
    const trusted = this.feed.isListening;
    if (trusted && this.hit(sessionId, userId)) {
      this.events.lookup('hit');
      return true;
    }
    this.events.lookup(trusted ? 'miss' : 'bypass');
    const generation = this.generation;
    const answer = await lookup();
    if (answer.live && this.feed.isListening && generation === this.generation) this.remember(sessionId, userId, answer.remainingMs);
    return answer.live;
  }

  /** An announcement: the user's sessions or account changed. */
  message(userId: string): void {
    this.generation++;
    const sessions = this.byUser.get(userId);
    this.events.invalidated('user');
    if (!sessions) return;
    for (const sessionId of sessions) this.entries.delete(sessionId);
    this.byUser.delete(userId);
  }

  reset(): void {
    this.generation++;
    this.entries.clear();
    this.byUser.clear();
    this.events.invalidated('reset');
  }

  private hit(sessionId: string, userId: string): boolean {
    const entry = this.entries.get(sessionId);
    if (!entry || entry.userId !== userId) return false;
    if (entry.until <= this.options.now()) {
      this.forgetSession(sessionId, userId);
      return false;
    }
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
    return true;
  }

  private remember(sessionId: string, userId: string, remainingMs: number): void {
    const ttl = Math.min(this.options.ttlMs, remainingMs);
    if (ttl <= 0) return;
    const previous = this.entries.get(sessionId);
    if (previous) this.forgetSession(sessionId, previous.userId);
    this.entries.set(sessionId, { userId, until: this.options.now() + ttl });
    let sessions = this.byUser.get(userId);
    if (!sessions) this.byUser.set(userId, (sessions = new Set()));
    sessions.add(sessionId);
    if (this.entries.size > this.options.maxEntries) this.evictOldest();
  }

  private evictOldest(): void {
    const [sessionId, entry] = this.entries.entries().next().value as [string, Entry];
    this.forgetSession(sessionId, entry.userId);
  }

  private forgetSession(sessionId: string, userId: string): void {
    this.entries.delete(sessionId);
    const sessions = this.byUser.get(userId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.byUser.delete(userId);
  }
}
