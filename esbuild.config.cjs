// esbuild options shared by `serverless package`/`deploy` (serverless-esbuild) and `npm run build`.
const path = require('node:path');

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
  alias: { 'form-data': path.join(__dirname, 'scripts/esbuild/form-data-unused.cjs') },
});
