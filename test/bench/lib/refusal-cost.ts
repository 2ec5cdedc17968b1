/** Event-loop CPU and answer counts of one sign-in scenario, as seen from outside (/proc). */
export interface SignInCpuSample {
  /** CPU time of the server's event-loop thread during the scenario, in ms. */
  readonly eventLoopCpuMs: number;
  /** Logins answered 200/401 (each paid a hash on the thread pool, and its bookkeeping on the event loop). */
  readonly answered: number;
  /** Logins refused with 503 overloaded before hashing. */
  readonly refused: number;
}

export interface RefusalCost {
  /** Event-loop CPU per answered login, in ms (the hash itself runs on the thread pool and is not in it). */
  readonly perAnsweredMs: number;
  /** Event-loop CPU per refused login, in ms. */
  readonly perRefusedMs: number;
}

/**
 * A refused login's CPU cost, measured from outside: two scenarios with different mixes of answered and
 * refused logins (polite clients, mostly answered; hostile clients, mostly refused) give two equations
 *   cpu₁ = a·answered₁ + b·refused₁,  cpu₂ = a·answered₂ + b·refused₂
 * solved for a (per answered login) and b (per refusal). NaN when the mixes are too alike to tell apart
 * (the system is near-singular) or a sample is missing. An estimate: it assumes each kind costs the same in
 * both scenarios, and the side probes' few requests are counted in.
 */
export function refusalCost(polite: SignInCpuSample, hostile: SignInCpuSample): RefusalCost {
  const det = polite.answered * hostile.refused - hostile.answered * polite.refused;
  const scale = Math.max(polite.answered, polite.refused) * Math.max(hostile.answered, hostile.refused);
  // Mixes whose proportions differ by less than 5% make the solution noise.
  if (!Number.isFinite(det) || !(scale > 0) || Math.abs(det) < 0.05 * scale) return { perAnsweredMs: Number.NaN, perRefusedMs: Number.NaN };
  const perAnsweredMs = (polite.eventLoopCpuMs * hostile.refused - hostile.eventLoopCpuMs * polite.refused) / det;
  const perRefusedMs = (polite.answered * hostile.eventLoopCpuMs - hostile.answered * polite.eventLoopCpuMs) / det;
  return { perAnsweredMs, perRefusedMs };
}
