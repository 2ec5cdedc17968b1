import type { Abstract, DynamicModule, Type } from '@nestjs/common';
import { ConsoleLogger } from '@nestjs/common';
import { Test, TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, AuditModule } from '@identsphere/audit';
import { AuthModule } from '@identsphere/auth';
import { AppConfig, ConfigModule, loadConfig } from '@identsphere/config';
import { CryptoModule, SecretBox } from '@identsphere/crypto';
import { DatabaseModule, TransactionHost } from '@identsphere/database';
import { IdentitiesModule } from '@identsphere/identities';
import { Mailer, MailModule } from '@identsphere/mail';
import { ObservabilityModule } from '@identsphere/observability';
import { RateLimitModule } from '@identsphere/rate-limit';
import { ALL_MIGRATIONS } from '../../../migrations';
import { AUTH_TEST_ENV } from '../auth-factories';
import { TEST_JWT_SECRET } from '../test-app';
import { createTestDatabase, TestDatabase } from '../test-database';
import { AuditRecorder, MailRecorder } from './recorders';

/**
 * The medium tier's environment: the auth e2e defaults (throttles opened wide) and the cheapest Argon2 cost
 * the config accepts, so a file can sign up and hash dozens of times well inside its time budget.
 */
export const MEDIUM_TEST_ENV: Readonly<Record<string, string>> = {
  ...AUTH_TEST_ENV,
  NODE_ENV: 'test',
  IDENTSPHERE_JWT_SECRET: TEST_JWT_SECRET,
  IDENTSPHERE_LOG_LEVEL: 'error',
  IDENTSPHERE_ARGON2_MEMORY_KIB: '8192',
  IDENTSPHERE_ARGON2_ITERATIONS: '1',
};

export interface MediumModuleOptions {
  /** Environment entries on top of MEDIUM_TEST_ENV (e.g. IDENTSPHERE_REQUIRE_VERIFIED_EMAIL). */
  readonly env?: Record<string, string>;
  /** Which collaborators are recording fakes (default: both). A real one writes its table instead. */
  readonly fakes?: { readonly mail?: boolean; readonly audit?: boolean };
  /** Modules to add beside the auth stack (a lib's module that AuthModule does not import). */
  readonly imports?: DynamicModule['imports'];
  /** Last word on the builder: more overrides (a clock, a transport) before compiling. */
  readonly configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface MediumModule {
  readonly module: TestingModule;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  /** The recording Mailer; throws when this module sends real mail (`fakes.mail: false`). */
  readonly mail: MailRecorder;
  /** The recording AuditLog; throws when this module writes real events (`fakes.audit: false`). */
  readonly audit: AuditRecorder;
  /** Any provider of the graph, flows included (they need not be exported by their module). */
  get<T>(type: Type<T> | Abstract<T>): T;
  close(): Promise<void>;
}

/**
 * The service as AppModule composes it, minus HTTP and telemetry: the real config, a fresh migrated
 * database (TEST_DATABASE_URL, or the embedded default), the real domain modules under AuthModule, and
 * recording fakes for Mailer and AuditLog. Build one per test file (beforeAll) and close it in afterAll;
 * tests create their own users, so they share it safely.
 */
export async function newMediumModule(options: MediumModuleOptions = {}): Promise<MediumModule> {
  const db = await createTestDatabase();
  try {
    return await compile(db, options);
  } catch (error) {
    await db.drop();
    throw error;
  }
}

async function compile(db: TestDatabase, options: MediumModuleOptions): Promise<MediumModule> {
  const config = loadConfig({ ...MEDIUM_TEST_ENV, ...db.env, ...options.env });
  const fakeMail = (options.fakes?.mail ?? true) ? new MailRecorder() : null;
  const fakeAudit = (options.fakes?.audit ?? true) ? new AuditRecorder() : null;
  let builder = Test.createTestingModule({ imports: [...serviceModules(config), ...(options.imports ?? [])] }).setLogger(
    new ConsoleLogger({ logLevels: ['error', 'fatal'] }),
  );
  if (fakeMail) builder = builder.overrideProvider(Mailer).useValue(fakeMail);
  if (fakeAudit) builder = builder.overrideProvider(AuditLog).useValue(fakeAudit);
  const module = await (options.configure?.(builder) ?? builder).compile();
  await module.init();
  const dataSource = module.get<DataSource>(getDataSourceToken());
  for (const recorder of [fakeMail, fakeAudit]) recorder?.log.attach(module.get(TransactionHost), dataSource);
  return {
    module,
    config,
    db,
    get mail() {
      return fakeMail ?? missing('mail');
    },
    get audit() {
      return fakeAudit ?? missing('audit');
    },
    get: (type) => module.get(type, { strict: false }),
    close: async () => {
      await module.close();
      await db.drop();
    },
  };
}

/** AppModule's imports without the HTTP-only ones (telemetry, health). */
function serviceModules(config: AppConfig): NonNullable<DynamicModule['imports']> {
  return [
    ConfigModule.forRoot(config),
    ObservabilityModule,
    DatabaseModule.forRoot({ migrations: ALL_MIGRATIONS }),
    CryptoModule,
    RateLimitModule,
    AuditModule,
    MailModule.forRoot({ payloadCipher: (c: AppConfig) => new SecretBox(c.tokens.secret, 'mail-outbox') }),
    // AuthModule's SSO policy (login, signup) and GET /v1/me ask the identity providers.
    IdentitiesModule.forRoot({ secretCipher: (c: AppConfig) => new SecretBox(c.tokens.secret, 'idp-secrets') }),
    AuthModule,
  ];
}

function missing(fake: string): never {
  throw new Error(`this medium module has a real ${fake} (fakes.${fake}: false): read its table instead`);
}
