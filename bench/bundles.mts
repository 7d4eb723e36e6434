/**
 * Builds what the cold-start comparison loads, into a fresh temporary folder: our handler and the SDK-based one
 * with the very options `serverless package` uses (esbuild.config.cjs: @aws-sdk/* external, unused axios parts stubbed; the SDK build keeps follow-redirects, which it uses),
 * the probe that times a cold start, and a stand-in for the Lambda runtime's own node_modules (@aws-sdk only).
 */
import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const repo = resolve(import.meta.dirname, '..');

export interface Bundle {
  file: string;
  bytes: number;
}

export interface BenchBuild {
  dir: string;
  ours: Bundle;
  sdk: Bundle;
  /** Plain-node script that times `require()` + first invocation of a bundle (see cold-start/probe.ts). */
  probe: string;
  /** For NODE_PATH: holds `@aws-sdk` only, as /var/runtime/node_modules does on Lambda. */
  runtimeModules: string;
  remove(): Promise<void>;
}

export async function buildBenchBundles(): Promise<BenchBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'gcr-bench-'));
  const runtimeModules = join(dir, 'runtime', 'node_modules');
  await mkdir(runtimeModules, { recursive: true });
  await symlink(join(repo, 'node_modules', '@aws-sdk'), join(runtimeModules, '@aws-sdk'), 'dir');

  const [ours, sdk] = await Promise.all([
    buildLambdaBundle('src/handler.ts', join(dir, 'ours', 'handler.js')),
    buildLambdaBundle('bench/sdk/handler.ts', join(dir, 'sdk', 'handler.js'), { keepFollowRedirects: true }),
  ]);
  const probe = join(dir, 'probe.cjs');
  await build({
    entryPoints: [join(repo, 'bench/cold-start/probe.ts')],
    outfile: probe,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return { dir, ours, sdk, probe, runtimeModules, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function buildLambdaBundle(entry: string, outfile: string, { keepFollowRedirects = false } = {}): Promise<Bundle> {
  const options = require(join(repo, 'esbuild.config.cjs')).esbuildOptions();
  // The Genesys SDK's axios follows redirects; only our client never does (maxRedirects: 0) and can go without them.
  if (keepFollowRedirects) delete options.alias['follow-redirects'];
  await build({ ...options, entryPoints: [join(repo, entry)], outfile, logLevel: 'warning' });
  return { file: outfile, bytes: (await stat(outfile)).size };
}
