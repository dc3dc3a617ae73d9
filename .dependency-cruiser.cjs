// The layers' intended edges, checked by `npm run lint` (dependency-cruiser):
//   protocol ← domain ← hub | client ← views; the CLI front-ends (src/commands) use the hub;
//   only the entry (src/cli.ts) imports the views; the catalogues (src/i18n) import nothing of
//   the views; the names of key actions (src/keys) are a leaf both the views and the
//   catalogues import; the client speaks typed problems and imports no words.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: break it with a leaf module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'protocol-is-a-leaf',
      severity: 'error',
      comment: 'The protocol (zod schemas) is the one source of truth: it imports no other layer.',
      from: { path: '^src/protocol/' },
      to: { path: '^src/(?!protocol/)' },
    },
    {
      name: 'key-action-names-are-a-leaf',
      severity: 'error',
      comment: 'The names of what a key can do: bound by the views, worded by the catalogues.',
      from: { path: '^src/keys/' },
      to: { path: '^src/(?!keys/)' },
    },
    {
      name: 'domain-only-on-protocol',
      severity: 'error',
      comment: 'The contact-center model is pure: it builds on the protocol alone.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!(domain|protocol)/)' },
    },
    {
      name: 'directory-below-hub',
      severity: 'error',
      comment: "An organisation's directory file is read and checked on the protocol and domain alone.",
      from: { path: '^src/directory/' },
      to: { path: '^src/(?!(directory|domain|protocol)/)' },
    },
    {
      name: 'hub-not-on-client-or-views',
      severity: 'error',
      comment: 'The hub serves clients; it never imports them, nor their screens or words.',
      from: { path: '^src/hub/' },
      to: { path: '^src/(client|views|i18n|commands)/' },
    },
    {
      name: 'client-not-on-hub-views-or-words',
      severity: 'error',
      comment: 'The client speaks the protocol; it reports typed problems that the views word.',
      from: { path: '^src/client/' },
      to: { path: '^src/(hub|views|i18n|commands|directory)/' },
    },
    {
      name: 'only-the-entry-imports-views',
      severity: 'error',
      comment: 'Views are the top: nothing imports them but src/cli.ts and other views.',
      from: { path: '^src/', pathNot: '^src/(views/|cli\\.ts$)' },
      to: { path: '^src/views/' },
    },
    {
      name: 'views-not-on-hub',
      severity: 'error',
      comment: 'Views read the client store and call client commands; the hub is reached over the wire.',
      from: { path: '^src/views/' },
      to: { path: '^src/(hub|commands|directory)/' },
    },
    {
      name: 'i18n-not-on-views-or-hub',
      severity: 'error',
      comment: 'The catalogues word the domain and the protocol; they import nothing of views or hub.',
      from: { path: '^src/i18n/' },
      to: { path: '^src/(views|hub|client|commands)/' },
    },
    {
      name: 'src-not-on-dev-dependencies',
      severity: 'error',
      comment: 'What ships may not import a devDependency: users do not install them.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // ink and its kin publish ES modules only (the "import" condition of their exports).
    enhancedResolveOptions: { conditionNames: ['import', 'node', 'default'], exportsFields: ['exports'] },
  },
};
