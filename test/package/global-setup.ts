import { copyFile, mkdtemp, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { outcomeFile, PACKAGE_VARIANTS, type PackageOutcome, packageService, type PackageVariant, type ServiceParams } from '../support/package';

/** Two at a time: each run is CPU-bound (osls start-up and esbuild), and CI machines have two cores. */
const PARALLEL_RUNS = 2;

/**
 * Packages every parameter set the package tests read, once per test run, and hands each outcome to the test files
 * through a file of its own in a folder they are given (`inject('packageOutcomes')`): a set several files read is
 * packaged once, not once per file. It returns at once and packages while the other projects' tests run, which
 * mostly wait on sockets and timers; the package tests wait for the outcomes they read.
 */
export default async function packageVariants(project: TestProject): Promise<() => Promise<void>> {
  const outcomesDir = await mkdtemp(join(tmpdir(), 'gcr-package-outcomes-'));
  project.provide('packageOutcomes', outcomesDir);
  const packaging = packageAll(process.cwd(), outcomesDir);
  return async () => {
    await packaging;
    await rm(outcomesDir, { recursive: true, force: true });
  };
}

async function packageAll(projectDir: string, outcomesDir: string): Promise<void> {
  const pending = Object.entries(PACKAGE_VARIANTS) as Array<[PackageVariant, ServiceParams]>;
  const serviceDirs: string[] = [];
  const worker = async () => {
    const serviceDir = await linkedServiceDir(projectDir);
    serviceDirs.push(serviceDir);
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [variant, params] = next;
      const outcome = await packageService(params, serviceDir).then(
        (packaged): PackageOutcome => ({ ok: true, ...packaged }),
        (error: { stdout?: string; stderr?: string; message?: string }): PackageOutcome => ({
          ok: false,
          output: `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error.message),
        }),
      );
      await writeOutcome(outcomesDir, variant, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
  } catch (error) {
    // The tests waiting for what is left get this failure instead of waiting for files that never come.
    for (const [variant] of pending) await writeOutcome(outcomesDir, variant, { ok: false, output: `packaging did not start: ${String(error)}` });
    throw error;
  } finally {
    // Removes the links, never what they point to.
    await Promise.all(serviceDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** Written whole, then renamed: a reader never sees half an outcome. */
async function writeOutcome(outcomesDir: string, variant: PackageVariant, outcome: PackageOutcome): Promise<void> {
  const file = outcomeFile(outcomesDir, variant);
  await writeFile(`${file}.partial`, JSON.stringify(outcome));
  await rename(`${file}.partial`, file);
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
