// The layering of the libs, checked by `npm run lint:deps` (part of `npm test`). The layer table below is
// the source of truth: a lib may import only libs of a strictly lower layer, which also keeps the siblings
// of one layer apart (the L4 domains never import each other; neither do admin and oauth).

/**
 * lib name → layer (the apps/identsphere composition root sits above them all). A new lib must be added here
 * before it may import anything.
 */
const LAYERS = {
  // L0: the error base class, Principal, decorators.
  common: 0,
  // L1: the validated configuration, the only reader of process.env.
  config: 1,
  // L2: infrastructure without domain vocabulary.
  database: 2,
  observability: 2,
  // L3: shared services.
  crypto: 3,
  mail: 3,
  audit: 3,
  'rate-limit': 3,
  health: 3,
  webhooks: 3,
  // L4: the domains; siblings never import each other.
  users: 4,
  sessions: 4,
  tokens: 4,
  factors: 4,
  identities: 4,
  clients: 4,
  // L5: sign-in strategies, flows spanning domains, the auth guard.
  auth: 5,
  // L6: built on auth's public surface; they never import each other.
  admin: 6,
  oauth: 6,
};

const libsMatching = (predicate) => Object.keys(LAYERS).filter(predicate);
const anyOf = (names) => `^libs/(${names.join('|')})/`;
const PUBLIC_ENTRY = '^libs/[^/]+/src/index\\.ts$';
const TEST_FILE = '\\.(spec|e2e-spec|int-spec)\\.ts$';
// A repository contract suite lives beside its port by design and runs against the fake (unit) and the
// TypeORM adapter (integration), so tests may import `*.contract.ts` files of a lib directly.
const CONTRACT_SUITE = '^libs/[^/]+/src/.+\\.contract\\.ts$';

/** One rule per lib: it imports no lib of its own layer or above (other than itself). */
function layerRules() {
  return Object.entries(LAYERS).flatMap(([lib, layer]) => {
    const forbidden = libsMatching((other) => other !== lib && LAYERS[other] >= layer);
    if (forbidden.length === 0) return [];
    return [
      {
        name: `layer-${lib}`,
        comment: `${lib} is L${layer}: it imports only libs of a strictly lower layer (see LAYERS in this file).`,
        severity: 'error',
        from: { path: `^libs/${lib}/` },
        to: { path: anyOf(forbidden) },
      },
    ];
  });
}

module.exports = {
  forbidden: [
    ...layerRules(),
    {
      name: 'lib-not-in-layer-table',
      comment: 'Every lib has a layer: add it to LAYERS at the top of .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: '^libs/', pathNot: anyOf(Object.keys(LAYERS)) },
      to: {},
    },
    {
      name: 'lib-through-public-entry',
      comment: 'Another lib is imported only as @identsphere/<lib>, which resolves to its src/index.ts: no deep imports.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', PUBLIC_ENTRY] },
    },
    {
      name: 'lib-through-alias',
      comment: 'Outside its own folder a lib is imported as @identsphere/<lib>, never by a relative path.',
      severity: 'error',
      from: { path: '^(libs/([^/]+)|apps|test)/' },
      to: { path: '^libs/', pathNot: ['^libs/$2/', CONTRACT_SUITE], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'app-through-public-entry',
      comment: 'The app wires libs through @identsphere/<lib> only.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/', pathNot: PUBLIC_ENTRY },
    },
    {
      name: 'tests-through-public-entry',
      comment: "Tests use a lib's public surface (@identsphere/<lib>), not its internals; repository contract suites excepted.",
      severity: 'error',
      from: { path: '^test/' },
      to: { path: '^libs/', pathNot: [PUBLIC_ENTRY, CONTRACT_SUITE] },
    },
    {
      name: 'entities-stay-private',
      comment: "A lib's public entry never exports a TypeORM entity: other libs see plain readonly types.",
      severity: 'error',
      from: { path: PUBLIC_ENTRY },
      to: { path: '\\.entity\\.ts$' },
    },
    {
      name: 'libs-not-from-app-or-migrations',
      comment: 'apps/ is the composition root and hands the migrations to DatabaseModule: libs import neither (tests may).',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|migrations)/' },
    },
    {
      name: 'migrations-stand-alone',
      comment: 'A migration is frozen once merged, so it must not change when lib code changes: it imports only typeorm.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(libs|apps|test)/' },
    },
    {
      name: 'production-code-not-from-tests',
      comment: 'Only test files (*.spec.ts beside the code) may use test/ helpers.',
      severity: 'error',
      from: { path: '^(libs|apps|migrations)/', pathNot: TEST_FILE },
      to: { path: '^test/' },
    },
    {
      name: 'production-code-not-from-dev-dependencies',
      comment: 'devDependencies are not installed in the production image (npm ci --omit=dev).',
      severity: 'error',
      // log-format.ts loads pino-pretty only in development on a terminal, and stays JSON when it is absent.
      from: { path: '^(libs|apps|migrations)/', pathNot: [TEST_FILE, '\\.contract\\.ts$', '^libs/observability/src/logging/log-format\\.ts$'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'flows-report-through-outcomes',
      comment:
        'Sign-in flows and strategies say what happened (libs/auth/src/events) and FlowOutcomes records it: none of them talks to the audit log, the mailer or the counters itself.',
      severity: 'error',
      from: { path: '^libs/auth/src/(flows|strategies)/' },
      to: { path: ['^libs/(audit|mail)/', '^libs/auth/src/auth-metrics\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'packages-stand-alone',
      comment:
        'The client packages and the examples are what client teams install and copy: their code never imports the service (apps/, libs/) or its test helpers (test/). Their tests may use test/support to start the built service.',
      severity: 'error',
      from: { path: '^(packages|examples)/[^/]+/', pathNot: '^(packages|examples)/[^/]+/test/' },
      to: { path: '^(apps|libs|test)/' },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports make module load order matter (undefined classes in Nest DI at boot).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve to a file or a package.',
      severity: 'error',
      // test/contract holds client sources that a test copies next to a freshly generated API client.
      from: { pathNot: '^test/contract/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'A package used directly must be declared in package.json, not borrowed from a transitive dependency.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // test/bench/peers: the bench's reference services, a separate npm project installed on demand (its
    // dependencies are not in this tree, and it is not our code to layer).
    exclude: { path: ['^(dist|coverage)/', '^(packages|examples)/[^/]+/dist/', '^test/bench/peers/'] },
    // A workspace package's dependencies are its package.json's together with the root's (the workspaces'
    // tooling and test dependencies are hoisted there). What a published package needs at run time is proved
    // by test/packaging/pack-smoke.spec.ts, which installs only what the packages declare.
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports cross layers too: count them.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    cache: false,
  },
};
