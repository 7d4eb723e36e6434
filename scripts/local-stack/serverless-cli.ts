import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionEnvironment, type LocalStackUrls, SERVERLESS_PARAMS } from './settings';

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SERVERLESS_BIN = createRequire(import.meta.url).resolve('osls/bin/serverless.js');
/** Build output and version control stay out of a run's work dir. */
const NOT_LINKED = new Set(['.git', '.esbuild', '.serverless', '.serverless-offline']);

export interface ServerlessRunOptions {
  stdio: StdioOptions;
  /** Own process group, so the whole tree (serverless, esbuild) can be signalled at once. */
  detached?: boolean;
}

/**
 * Runs the serverless CLI (osls) on this service with the function pointed at the local stack.
 *
 * Each run gets a private work dir of symlinks to the service's files: serverless-esbuild bundles into
 * `<service dir>/.esbuild`, and `serverless package` (the packaging test, `npm run package`) deletes that folder
 * when it finishes, which would pull the handler from under a stack running in the repository itself.
 */
export function spawnServerless(args: string[], urls: LocalStackUrls, options: ServerlessRunOptions): ChildProcess {
  const workDir = linkServiceInto(mkdtempSync(join(tmpdir(), 'gcr-local-stack-')));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true }); // unlinks, never follows links
  process.once('exit', removeWorkDir);

  const params = Object.entries(SERVERLESS_PARAMS).flatMap(([name, value]) => ['--param', `${name}=${value}`]);
  // osls only takes a regular file as the implicit config; a symlink is fine when named with --config.
  const child = spawn(process.execPath, [SERVERLESS_BIN, ...args, '--config', 'serverless.yml', ...params], {
    cwd: workDir,
    env: {
      ...process.env,
      ...functionEnvironment(urls),
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      // The SDK warns that this machine's Node 20 will lose support; the deployed function runs on nodejs22.x.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: options.stdio,
    detached: options.detached ?? false,
  });
  child.once('exit', () => {
    process.removeListener('exit', removeWorkDir);
    removeWorkDir();
  });
  return child;
}

function linkServiceInto(workDir: string): string {
  for (const entry of readdirSync(SERVICE_DIR)) {
    if (!NOT_LINKED.has(entry)) symlinkSync(join(SERVICE_DIR, entry), join(workDir, entry));
  }
  return workDir;
}
