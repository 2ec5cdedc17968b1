/** The recovery codes port: digests only. Adapter: TypeOrmRecoveryCodesRepository (PostgreSQL). */
export abstract class RecoveryCodesRepository {
  /** Deletes every code of the user and stores these digests instead. */
  abstract replace(userId: string, digests: readonly string[]): Promise<void>;
  /** Deletes the code with this digest; of two concurrent uses exactly one gets true. */
  abstract consume(userId: string, digest: string): Promise<boolean>;
  abstract count(userId: string): Promise<number>;
  abstract deleteAll(userId: string): Promise<void>;
}
