import type { AppConfig } from '@identsphere/config';
import { RecoveryCodesRepository } from '../persistence/recovery-codes.repository';
import { RecoveryCodesService } from './recovery-codes.service';

class RecordingRecoveryCodes extends RecoveryCodesRepository {
  readonly digests = new Map<string, Set<string>>();
  async replace(userId: string, digests: readonly string[]): Promise<void> {
    this.digests.set(userId, new Set(digests));
  }
  async consume(userId: string, digest: string): Promise<boolean> {
    return this.digests.get(userId)?.delete(digest) ?? false;
  }
  async count(userId: string): Promise<number> {
    return this.digests.get(userId)?.size ?? 0;
  }
  async deleteAll(userId: string): Promise<void> {
    this.digests.delete(userId);
  }
}

const configWith = (secret: string) => ({ tokens: { secret } }) as AppConfig;
const USER = '6a1f4b8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b';

describe('RecoveryCodesService', () => {
  it('keeps only keyed digests: none contains the code, and without the root secret they match nothing', async () => {
    const stolen = new RecordingRecoveryCodes();
    const codes = await new RecoveryCodesService(stolen, configWith('root-secret-a'.repeat(4))).replace(USER);
    const stored = JSON.stringify([...(stolen.digests.get(USER) ?? [])]);
    for (const code of codes) expect(stored).not.toContain(code.replace('-', ''));
    // The same rows under another root secret: a database copy alone cannot check a guess.
    expect(await new RecoveryCodesService(stolen, configWith('root-secret-b'.repeat(4))).use(USER, codes[0])).toEqual({ ok: false });
    expect(await new RecoveryCodesService(stolen, configWith('root-secret-a'.repeat(4))).use(USER, codes[0])).toEqual({ ok: true, remaining: 9 });
  });

  it('accepts each code once, however it is typed, and counts what remains', async () => {
    const service = new RecoveryCodesService(new RecordingRecoveryCodes(), configWith('root-secret-a'.repeat(4)));
    const codes = await service.replace(USER);
    expect(await service.use(USER, ` ${codes[0].toUpperCase()} `)).toEqual({ ok: true, remaining: 9 });
    expect(await service.use(USER, codes[0])).toEqual({ ok: false });
    expect(await service.use('00000000-0000-4000-8000-000000000000', codes[1])).toEqual({ ok: false });
    expect(await service.use(USER, 'not a code')).toEqual({ ok: false });
    expect(await service.remaining(USER)).toBe(9);
  });
});
