import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, Options, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Argon2Params, AppConfig } from '@identsphere/config';
import { HashGate } from './hash-gate';
import { HashMetrics, HashOperation } from './hash-metrics';
import { normalizePassword } from './password-normalization';

export interface VerifyResult {
  readonly ok: boolean;
  /** The stored hash used weaker or different parameters than configured: re-hash now that we know the password. */
  readonly needsRehash: boolean;
}

const MAX_WAIT_MS = 1_000;

/** How the configured parameters become @node-rs/argon2 options; shared with `npm run calibrate`. */
export const argon2idOptions = (params: Argon2Params): Options => ({
  algorithm: Algorithm.Argon2id,
  memoryCost: params.memoryKib,
  timeCost: params.iterations,
  parallelism: params.parallelism,
});

/**
 * Argon2id through @node-rs/argon2, which runs on the libuv pool (never on the event loop), behind one
 * HashGate shared by every hash and verify in the process.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly params: Argon2Params;
  private readonly gate: HashGate;
  private dummyHash: string | null = null;

  constructor(config: AppConfig, private readonly metrics: HashMetrics) {
    this.params = config.passwords.argon2;
    this.gate = new HashGate(
      { concurrency: config.passwords.hashConcurrency, queueMax: config.passwords.hashQueueMax, maxWaitMs: MAX_WAIT_MS },
      (state) => metrics.gateChanged(state),
      () => metrics.gateRejected(),
    );
  }

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.rawHash(randomBytes(32).toString('base64url'));
  }

  /** Throws 503 overloaded at once when the gate is full; call before spending database work on a login. */
  assertCapacity(): void {
    this.gate.assertCapacity();
  }

  /** True (and the refusal counted) when the gate is full: the early refusal of login requests, before their body is read. */
  refusesNow(): boolean {
    return this.gate.refusesNow();
  }

  hash(password: string): Promise<string> {
    return this.gate.run(() => this.rawHash(normalizePassword(password)));
  }

  async verify(storedHash: string, password: string): Promise<VerifyResult> {
    const ok = await this.gate.run(() => this.timed('verify', () => verify(storedHash, normalizePassword(password))));
    return { ok, needsRehash: ok && !this.matchesConfiguredParams(storedHash) };
  }

  /** Same cost as verify() for a real account, so latency does not reveal which emails exist. */
  async verifyDummy(password: string): Promise<VerifyResult> {
    const dummy = this.dummyHash ?? (this.dummyHash = await this.rawHash('dummy'));
    await this.gate.run(() => this.timed('verify', () => verify(dummy, normalizePassword(password))));
    return { ok: false, needsRehash: false };
  }

  private rawHash(normalized: string): Promise<string> {
    return this.timed('hash', () => hash(normalized, argon2idOptions(this.params)));
  }

  private async timed<T>(operation: HashOperation, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.metrics.hashed(operation, (performance.now() - started) / 1000);
    }
  }

  private matchesConfiguredParams(storedHash: string): boolean {
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
    if (!match) return false;
    const [m, t, p] = match.slice(1).map(Number);
    return m === this.params.memoryKib && t === this.params.iterations && p === this.params.parallelism;
  }
}
