// esbuild options shared by `serverless package`/`deploy` (serverless-esbuild) and `npm run build`.
const { readFile } = require('node:fs/promises');
const path = require('node:path');

const stub = (name) => path.join(__dirname, 'scripts/esbuild', name);

/**
 * axios reads `globalThis.FormData` when its utils module loads; on Node that getter loads the fetch
 * implementation (undici), ~20 ms of every cold start, for a class the function never sends. Without it, axios's
 * isFormData still recognises a FormData by its tag.
 */
const AXIOS_FORM_DATA_LOOKUP = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";

/** Replaces parts of dependencies the function never uses but that cost bundle size or cold-start time. */
const unusedDependencyParts = {
  name: 'unused-dependency-parts',
  setup(build) {
    const axiosAdapters = path.join('axios', 'lib', 'adapters', 'adapters.js');
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      args.importer.endsWith(axiosAdapters) ? { path: stub('unused-fetch-adapter.mjs') } : undefined,
    );
    build.onResolve({ filter: /^\.\/xhr\.js$/ }, (args) =>
      args.importer.endsWith(axiosAdapters) ? { path: stub('unused-xhr-adapter.mjs') } : undefined,
    );
    build.onLoad({ filter: /[\\/]axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // Fails the build rather than silently shipping the cost again when a new axios words it differently.
      if (!source.includes(AXIOS_FORM_DATA_LOOKUP)) throw new Error(`${args.path} no longer has: ${AXIOS_FORM_DATA_LOOKUP}`);
      return { contents: source.replace(AXIOS_FORM_DATA_LOOKUP, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
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
  alias: { 'form-data': stub('unused-form-data.cjs'), 'follow-redirects': stub('unused-follow-redirects.cjs') },
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
