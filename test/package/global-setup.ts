import { copyFile, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PACKAGE_VARIANTS, type PackageOutcome, packageService, type PackageVariant, type ServiceParams } from '../support/package';

/** Two at a time: each run is CPU-bound (osls start-up and esbuild), and CI machines have two cores. */
const PARALLEL_RUNS = 2;

/**
 * Packages every parameter set the package tests read, once per test run, and hands the outcomes to the test
 * files (`inject('packagedServices')`): a set several files read is packaged once, not once per file.
 */
export default async function packageVariants(project: TestProject): Promise<void> {
  const pending = Object.entries(PACKAGE_VARIANTS) as Array<[PackageVariant, ServiceParams]>;
  const outcomes: Partial<Record<PackageVariant, PackageOutcome>> = {};
  const projectDir = process.cwd();
  const serviceDirs: string[] = [];
  const worker = async () => {
    const serviceDir = await linkedServiceDir(projectDir);
    serviceDirs.push(serviceDir);
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [variant, params] = next;
      outcomes[variant] = await packageService(params, serviceDir).then(
        (packaged): PackageOutcome => ({ ok: true, ...packaged }),
        (error: { stdout?: string; stderr?: string }): PackageOutcome => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
  } finally {
    // Removes the links, never what they point to.
    await Promise.all(serviceDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
  project.provide('packagedServices', outcomes as Record<PackageVariant, PackageOutcome>);
}

/**
 * A service folder of its own for one packaging worker: serverless.yml copied (osls does not take a linked one),
 * everything else linked. Runs in one folder would share its .serverless/ and overwrite each other's zip.
 */
async function linkedServiceDir(projectDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gcr-service-'));
  await copyFile(resolve(projectDir, 'serverless.yml'), join(dir, 'serverless.yml'));
  for (const entry of await readdir(projectDir)) {
    if (entry === 'serverless.yml' || entry.startsWith('.')) continue;
    await symlink(resolve(projectDir, entry), join(dir, entry));
  }
  return dir;
}
