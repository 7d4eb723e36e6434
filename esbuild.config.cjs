// esbuild options shared by `serverless package`/`deploy` (serverless-esbuild) and `npm run build`.
const path = require('node:path');

const stub = (name) => path.join(__dirname, 'scripts/esbuild', name);

/** Replaces parts of dependencies the function never uses but that cost bundle size or cold-start time. */
const unusedDependencyParts = {
  name: 'unused-dependency-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      args.importer.endsWith(path.join('axios', 'lib', 'adapters', 'adapters.js')) ? { path: stub('unused-fetch-adapter.mjs') } : undefined,
    );
  },
};

module.exports = () => ({
  bundle: true,
  minify: true,
  sourcemap: true,
  // Maps name the original files and lines; the sources themselves are in the repository.
  sourcesContent: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Prefer ESM entry points: they tree-shake far better than the CommonJS builds.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // The Node.js Lambda runtime ships the AWS SDK v3; bundling it would add ~300 KB to every cold start.
  // Only the long-stable GetSecretValue / DynamoDB item calls are used, which every shipped version has.
  exclude: ['@aws-sdk/*'],
  // axios imports `form-data` for multipart bodies, which this function never sends; the real package pulls in
  // mime-db (~130 KB minified) for nothing.
  alias: { 'form-data': stub('unused-form-data.cjs') },
  plugins: [unusedDependencyParts],
  // serverless-esbuild's work folder (a config file replaces every other custom.esbuild key): tests package
  // several variants at once, each in a folder of its own.
  outputWorkFolder: process.env.ESBUILD_WORK_FOLDER || '.esbuild',
});

/** The same options for esbuild's own API (`npm run build`, the benchmark): serverless-esbuild's keys translated. */
module.exports.esbuildOptions = () => {
  const { exclude, outputWorkFolder: _serverlessOnly, ...options } = module.exports();
  return { ...options, external: exclude };
};
