import type { Argon2Params } from '@identsphere/config';

/** OWASP Password Storage Cheat Sheet's minimum for Argon2id: m = 19 MiB, t = 2, p = 1. */
export const OWASP_FLOOR: Argon2Params = { memoryKib: 19_456, iterations: 2, parallelism: 1 };

export interface SuggestOptions {
  /** Wall time of one hash to aim for, in ms. */
  readonly targetMs: number;
  /** Memory per hash is raised first (it is what makes GPU cracking expensive), up to this cap. */
  readonly maxMemoryKib: number;
}

export interface Suggestion {
  readonly params: Argon2Params;
  readonly measuredMs: number;
  /** The target costs less than the OWASP floor on this machine: the floor is suggested anyway. */
  readonly floorExceedsTarget: boolean;
}

const MIB = 1024;
const TOLERANCE = 0.1;

/**
 * Parameters whose single-hash wall time is close to the target. Argon2's cost grows about linearly with
 * memory × iterations, so the floor's measured time predicts the rest; one correction step absorbs the
 * non-linearity (caches, allocation). Never below the OWASP floor, p stays 1: the hash gate already runs
 * one hash per core, so intra-hash parallelism would only oversubscribe them.
 */
export async function suggestParameters(measure: (params: Argon2Params) => Promise<number>, options: SuggestOptions): Promise<Suggestion> {
  const floorMs = await measure(OWASP_FLOOR);
  if (floorMs >= options.targetMs * (1 - TOLERANCE)) return { params: OWASP_FLOOR, measuredMs: floorMs, floorExceedsTarget: floorMs > options.targetMs };
  const msPerUnit = floorMs / (OWASP_FLOOR.memoryKib * OWASP_FLOOR.iterations);
  let params = predict(options.targetMs, msPerUnit, options.maxMemoryKib);
  let measuredMs = await measure(params);
  if (Math.abs(measuredMs - options.targetMs) > options.targetMs * TOLERANCE) {
    params = predict(options.targetMs, measuredMs / (params.memoryKib * params.iterations), options.maxMemoryKib);
    measuredMs = await measure(params);
  }
  return { params, measuredMs, floorExceedsTarget: false };
}

/** The cheapest-in-iterations parameters predicted to take `targetMs`, memory in whole MiB. */
export function predict(targetMs: number, msPerKibIteration: number, maxMemoryKib: number): Argon2Params {
  if (!(msPerKibIteration > 0) || !(targetMs > 0)) throw new RangeError('predict needs a positive cost and target');
  const units = targetMs / msPerKibIteration;
  const cap = Math.max(OWASP_FLOOR.memoryKib, Math.floor(maxMemoryKib / MIB) * MIB);
  for (let iterations = OWASP_FLOOR.iterations; ; iterations++) {
    const memoryKib = Math.round(units / iterations / MIB) * MIB;
    if (memoryKib <= cap) return { memoryKib: Math.max(OWASP_FLOOR.memoryKib, memoryKib), iterations, parallelism: 1 };
  }
}
