import { inject } from 'vitest';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The serverless CLI run by this node directly: through npx, each run would also start npm (about 1 s of CPU). */
const SERVERLESS_CLI = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');

export const TEST_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:genesys/canned-response-AbCdEf';

export interface PackagedService {
  dir: string;
  /** The CloudFormation template `serverless deploy` would apply. */
  template: CloudFormationTemplate;
}

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, any>; Condition?: string }>;
  Outputs?: Record<string, any>;
  Conditions?: Record<string, unknown>;
}

/** `--param`s for serverless.yml: the test secret unless a test leaves it out with `genesysSecretArn: undefined`. */
export type ServiceParams = Record<string, string | undefined>;

function serverlessArgs(params: ServiceParams): string[] {
  return Object.entries({ genesysSecretArn: TEST_SECRET_ARN, ...params })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .flatMap(([name, value]) => ['--param', `${name}=${value}`]);
}

/** The CLI's environment: none of the developer's own GENESYS_SECRET_ARN, which serverless.yml would fall back to. */
function serverlessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { GENESYS_SECRET_ARN: _developers, ...inherited } = process.env;
  return { ...inherited, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', ...env };
}

/** Runs `serverless package` (osls + serverless-esbuild) into a fresh temporary folder. */
export async function packageService(params: ServiceParams = {}, serviceDir = process.cwd()): Promise<PackagedService> {
  const dir = await mkdtemp(join(tmpdir(), 'gcr-package-'));
  // serverless-esbuild builds inside the service folder; a folder of its own per run lets test files package in parallel.
  const workFolder = `.esbuild-${basename(dir)}`;
  try {
    await run(process.execPath, [SERVERLESS_CLI, 'package', '--stage', 'test', '--region', 'eu-west-1', ...serverlessArgs(params), '--package', dir], {
      cwd: serviceDir,
      env: serverlessEnv({ ESBUILD_WORK_FOLDER: workFolder }),
      timeout: 120_000,
    });
  } finally {
    await rm(join(serviceDir, workFolder), { recursive: true, force: true });
  }
  const template = JSON.parse(await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as CloudFormationTemplate;
  return { dir, template };
}

/**
 * One value of the configuration as `serverless print` resolves it: the resolution every command (info, logs,
 * invoke) goes through before it does anything.
 */
export async function printServiceConfig(path: string, params: ServiceParams, env: Record<string, string> = {}): Promise<unknown> {
  const { stdout } = await run(process.execPath, [SERVERLESS_CLI, 'print', '--stage', 'test', '--format', 'json', '--path', path, ...serverlessArgs(params)], {
    cwd: process.cwd(),
    env: serverlessEnv(env),
    timeout: 120_000,
  });
  return JSON.parse(stdout);
}

/**
 * The parameter sets the package tests read, each packaged once per test run by test/package/global-setup.ts
 * (several at a time: each run builds in a work folder of its own). A run costs about 3 s of CPU, nearly all of it
 * osls starting, so parameters that shape different resources share one: the tests of each read only its own.
 */
/** The Genesys organization of the variants with an invoke role. */
export const TEST_GENESYS_ORG_ID = '3f0c6b1e-2a4d-4e8f-9b7a-1c2d3e4f5a6b';

export const PACKAGE_VARIANTS = {
  default: {},
  apiKeyWithOrg: { httpAuth: 'apiKey', genesysOrgId: TEST_GENESYS_ORG_ID },
  // An organization on another Genesys Cloud platform (FedRAMP) is invoked from another AWS account.
  openWithoutIdempotencyOtherAccount: {
    httpAuth: 'none',
    idempotency: 'disabled',
    genesysOrgId: TEST_GENESYS_ORG_ID,
    genesysAwsAccountId: '123456789012',
  },
  secretArnMissing: { genesysSecretArn: undefined },
  // An account id with a digit missing: packaging must refuse it rather than leave it to CloudFormation.
  awsAccountIdShort: { genesysAwsAccountId: '76562898547' },
  // Values serverless.yml does not know: packaging must refuse them (osls names every unresolved variable at once).
  unknownValues: { httpAuth: 'open', idempotency: 'off' },
} satisfies Record<string, ServiceParams>;

export type PackageVariant = keyof typeof PACKAGE_VARIANTS;

/** A variant's outcome: the packaged service, or what `serverless package` printed when it refused. */
export type PackageOutcome = ({ ok: true } & PackagedService) | { ok: false; output: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder test/package/global-setup.ts writes each variant's outcome to, as it comes. */
    packageOutcomes: string;
  }
}

/** Where the global setup writes a variant's outcome. */
export function outcomeFile(outcomesDir: string, variant: PackageVariant): string {
  return join(outcomesDir, `${variant}.json`);
}

/** Longest wait for one variant: all of them packaged two at a time on a busy machine, with room to spare. */
const OUTCOME_WAIT_MS = 150_000;

/** A variant's outcome once the global setup has written it. */
async function outcomeOf(variant: PackageVariant): Promise<PackageOutcome> {
  const file = outcomeFile(inject('packageOutcomes'), variant);
  const deadline = Date.now() + OUTCOME_WAIT_MS;
  for (;;) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as PackageOutcome;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || Date.now() > deadline) throw error;
    }
    // Polled: the outcome comes from another process's child, with nothing to subscribe to but the file system.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The resources of one CloudFormation type. */
export function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The properties of the one resource of `type`; throws unless there is exactly one. */
export function onlyResource(template: CloudFormationTemplate, type: string): Record<string, any> {
  const found = resourcesOfType(template, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]![1].Properties;
}

/** A variant packaged by the global setup; rejects if `serverless package` refused it. */
export async function packaged(variant: PackageVariant): Promise<PackagedService> {
  const outcome = await outcomeOf(variant);
  if (!outcome.ok) throw new Error(`serverless package refused the ${variant} parameters:\n${outcome.output}`);
  return outcome;
}

/** What `serverless package` printed when it refused a variant; rejects if it packaged it. */
export async function packageRefusal(variant: PackageVariant): Promise<string> {
  const outcome = await outcomeOf(variant);
  if (outcome.ok) throw new Error(`serverless package accepted the ${variant} parameters`);
  return outcome.output;
}
