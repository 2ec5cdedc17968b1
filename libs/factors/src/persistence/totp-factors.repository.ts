/** A user's TOTP factor as storage knows it; the secret stays sealed. */
export interface TotpFactor {
  readonly userId: string;
  readonly sealedSecret: string;
  /** False while enrolment waits for its first valid code. */
  readonly active: boolean;
}

/** The TOTP factors port. Adapter: TypeOrmTotpFactorsRepository (PostgreSQL). */
export abstract class TotpFactorsRepository {
  abstract find(userId: string): Promise<TotpFactor | null>;
  /** Stores (or replaces) a pending factor. Returns false, changing nothing, when an active factor exists. */
  abstract savePending(userId: string, sealedSecret: string): Promise<boolean>;
  /** Activates a pending factor with the step of its first code; false when there was no pending factor. */
  abstract activate(userId: string, step: number): Promise<boolean>;
  /**
   * Spends `step` on the active factor iff it is later than the last one spent: of two concurrent uses of
   * the same code exactly one gets true.
   */
  abstract spendStep(userId: string, step: number): Promise<boolean>;
  /** Deletes the factor, pending or active. Returns whether an ACTIVE factor was deleted. */
  abstract delete(userId: string): Promise<boolean>;
}
