/**
 * The layering of src/ (docs/development.md "Dependency rules"), checked by `npm run lint:deps` in CI.
 * Type-only imports count: a cycle or a crossing made of types still couples the modules.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules of src/ that import each other (directly or through others) cannot be understood or tested apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-tooling',
      severity: 'error',
      comment: 'The function ships src/ only: it must not depend on the emulator, scripts, the benchmark or tests.',
      from: { path: '^src/' },
      to: { path: '^(emulator|scripts|bench|test)/' },
    },
    {
      name: 'genesys-not-to-middleware',
      severity: 'error',
      comment: 'The Genesys client is below the middy layer: it knows nothing of middlewares.',
      from: { path: '^src/genesys/' },
      to: { path: '^src/middleware/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve would hide a crossing from the rules above.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
