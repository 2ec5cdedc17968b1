import { isProblem } from '@identsphere/client';
import type { StepUpMethod } from './types.js';

/**
 * The methods to offer when an operation answered 403 `step_up_required` (call session.stepUp() with one,
 * then repeat the operation); null for any other error.
 */
export function stepUpMethods(error: unknown): StepUpMethod[] | null {
  return isProblem(error, 'step_up_required') ? (error.problem.methods ?? ['password']) : null;
}
