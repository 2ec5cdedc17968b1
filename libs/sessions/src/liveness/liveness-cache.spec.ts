import { LivenessAnswer, LivenessCache, LivenessCacheEvents } from './liveness-cache';

const LIVE: LivenessAnswer = { live: true, remainingMs: 60_000 };
const DEAD: LivenessAnswer = { live: false, remainingMs: 0 };

function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const feed = { isListening: true };
  const clock = { now: 0 };
  const counts = { hit: 0, miss: 0, bypass: 0, user: 0, reset: 0 };
  const events: LivenessCacheEvents = { lookup: (r) => counts[r]++, invalidated: (r) => counts[r]++ };
  const cache = new LivenessCache(feed, events, { ttlMs: options.ttlMs ?? 10_000, maxEntries: options.maxEntries ?? 100, now: () => clock.now });
  let lookups = 0;
  const ask = (sessionId: string, userId: string, answer: LivenessAnswer = LIVE) =>
    cache.isLive(sessionId, userId, async () => {
      lookups++;
      return answer;
    });
  return { cache, feed, clock, counts, ask, lookups: () => lookups };
}

describe('LivenessCache', () => {
  it('answers a repeated check of a live session from memory', async () => {
    const s = setup();
    expect(await s.ask('s1', 'u1')).toBe(true);
    expect(await s.ask('s1', 'u1')).toBe(true);
    expect(s.lookups()).toBe(1);
    expect(s.counts).toMatchObject({ miss: 1, hit: 1 });
  });

  it('never keeps a negative answer', async () => {
    const s = setup();
    expect(await s.ask('s1', 'u1', DEAD)).toBe(false);
    expect(await s.ask('s1', 'u1', DEAD)).toBe(false);
    expect(s.lookups()).toBe(2);
  });

  it('does not answer for a session presented with another user id', async () => {
    const s = setup();
    await s.ask('s1', 'u1');
    expect(await s.ask('s1', 'u2', DEAD)).toBe(false);
    expect(s.lookups()).toBe(2);
  });

  it('forgets every session of a user the database announces', async () => {
    const s = setup();
    await s.ask('s1', 'u1');
    await s.ask('s2', 'u1');
    await s.ask('s3', 'u2');
    s.cache.message('u1');
    expect(await s.ask('s1', 'u1', DEAD)).toBe(false);
    expect(await s.ask('s2', 'u1', DEAD)).toBe(false);
    expect(await s.ask('s3', 'u2')).toBe(true);
    expect(s.lookups()).toBe(5);
  });

  it('goes to the database while the feed is not listening, and keeps nothing from then', async () => {
    const s = setup();
    await s.ask('s1', 'u1');
    s.feed.isListening = false;
    s.cache.reset();
    expect(await s.ask('s1', 'u1', DEAD)).toBe(false);
    expect(await s.ask('s1', 'u1')).toBe(true);
    s.feed.isListening = true;
    expect(await s.ask('s1', 'u1', DEAD)).toBe(false);
    expect(s.counts).toMatchObject({ bypass: 2, miss: 2, reset: 1 });
  });

  it('does not keep an answer read before an invalidation that arrived while it was in flight', async () => {
    const s = setup();
    const stale = s.cache.isLive('s1', 'u1', async () => {
      s.cache.message('u1');
      return LIVE;
    });
    expect(await stale).toBe(true);
    expect(await s.ask('s1', 'u1', DEAD)).toBe(false);
  });

  it('reuses an answer for at most the TTL, and never past the session end the database reported', async () => {
    const s = setup({ ttlMs: 1_000 });
    await s.ask('long', 'u1');
    await s.ask('short', 'u1', { live: true, remainingMs: 300 });
    s.clock.now = 299;
    expect(await s.ask('short', 'u1', DEAD)).toBe(true);
    s.clock.now = 300;
    expect(await s.ask('short', 'u1', DEAD)).toBe(false);
    s.clock.now = 999;
    expect(await s.ask('long', 'u1', DEAD)).toBe(true);
    s.clock.now = 1_000;
    expect(await s.ask('long', 'u1', DEAD)).toBe(false);
  });

  it('holds at most maxEntries sessions, evicting the least recently used', async () => {
    const s = setup({ maxEntries: 2 });
    await s.ask('a', 'u1');
    await s.ask('b', 'u2');
    await s.ask('a', 'u1');
    await s.ask('c', 'u3');
    expect(s.cache.size).toBe(2);
    expect(await s.ask('b', 'u2', DEAD)).toBe(false);
    expect(await s.ask('a', 'u1', DEAD)).toBe(true);
  });
});
