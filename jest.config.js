// Nest 12, jose and a few other dependencies ship ESM only. Jest's CommonJS runtime cannot require()
// ESM on Node 20, so swc compiles our TypeScript and those packages to CommonJS for the test run
// (the built service itself loads them through Node's native require(esm)).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const esmOnly = ['@nestjs', 'jose', 'load-esm', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'smtp-server', '@seriousme', '@otplib', '@scure', '@noble',
  // SSO: openid-client (relying party) and, in tests, oidc-provider with its ESM-only dependencies.
  'openid-client', 'oauth4webapi', 'oidc-provider', 'got', 'nanoid', 'quick-lru', 'eta', '@koa', 'koa', '@sindresorhus', '@szmarczak', 'cacheable-lookup', 'cacheable-request', 'p-cancelable', 'lowercase-keys', 'responselike', 'form-data-encoder', 'mimic-response', 'normalize-url', 'decompress-response', 'keyv'];
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // The service's own libs resolve to their sources; the published client packages (packages/) too, so their
  // tests run on the code under edit (the npm-pack smoke test covers the built shape).
  moduleNameMapper: {
    '^@identsphere/(client|spa|verify)$': '<rootDir>/packages/$1/src',
    '^@identsphere/(.*)$': '<rootDir>/libs/$1/src',
  },
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 30000,
  // jest's default on 2 cores is a single worker, and a worker is one thread (the embedded PGlite runs in it
  // too): half the machine idled. Test files are independent (a database each, free ports), so two run at once.
  maxWorkers: 2,
  // On 2 cores jest would run every file in one process, whose heap only grows (each file loads its own Nest
  // app and password dictionaries) until it hits V8's limit. A worker that is recycled past this size keeps
  // the whole run flat.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Headless Chromium (the Debian package) with a virtual WebAuthn authenticator; skips visibly without it.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    // Flows on a real database with recording fakes for mail and audit, without HTTP (test/support/medium).
    { ...shared, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'] },
    // The client packages (packages/*) and examples, against the live built service. Their ESM sources import
    // siblings as './x.js'; jest resolves those to the .ts files.
    {
      ...shared,
      displayName: 'packages',
      testMatch: ['<rootDir>/packages/*/test/**/*.spec.ts', '<rootDir>/examples/*/test/**/*.spec.ts', '<rootDir>/test/packaging/**/*.spec.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', ...shared.moduleNameMapper },
    },
    // Fault tests of a fleet: HAProxy, PgBouncer and the rig's own PostgreSQL 15 around 3 built instances
    // (test/fleet). Skips visibly when those packages are missing; CI installs them (.ci/run).
    { ...shared, displayName: 'fleet', testMatch: ['<rootDir>/test/fleet/**/*.fleet-spec.ts'] },
  ],
};
