/**
 * Bundles the handler exactly as `serverless package` does (same esbuild options) into dist/ and prints the
 * bundle size, the largest contributors, and the modules left to the Lambda runtime.
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const options = require('../esbuild.config.cjs').esbuildOptions();

const result = await build({
  ...options,
  entryPoints: ['src/handler.ts'],
  outfile: 'dist/handler.js',
  metafile: true,
  logLevel: 'warning',
});

const bytes = statSync('dist/handler.js').size;
const byPackage = new Map<string, number>();
for (const output of Object.values(result.metafile?.outputs ?? {})) {
  for (const [file, input] of Object.entries(output.inputs)) {
    const name = file.startsWith('node_modules/') ? file.split('/').slice(1, file.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : 'src';
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`dist/handler.js: ${kib(bytes)} (minified, ${options.external.join(', ')} left to the Lambda runtime)`);
for (const [name, size] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  console.log(`  ${name.padEnd(40)} ${kib(size).padStart(10)}`);
}
