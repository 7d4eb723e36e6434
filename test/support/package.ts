import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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

/** Runs `serverless package` (osls + serverless-esbuild) into a fresh temporary folder. */
export async function packageService(params: Record<string, string> = {}): Promise<PackagedService> {
  const dir = await mkdtemp(join(tmpdir(), 'gcr-package-'));
  const paramArgs = Object.entries({ genesysSecretArn: TEST_SECRET_ARN, ...params }).flatMap(([name, value]) => ['--param', `${name}=${value}`]);
  // serverless-esbuild builds inside the service folder; a folder of its own per run lets test files package in parallel.
  const workFolder = `.esbuild-${basename(dir)}`;
  try {
    await run('npx', ['serverless', 'package', '--stage', 'test', '--region', 'eu-west-1', ...paramArgs, '--package', dir], {
      cwd: process.cwd(),
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', ESBUILD_WORK_FOLDER: workFolder },
      timeout: 120_000,
    });
  } finally {
    await rm(workFolder, { recursive: true, force: true });
  }
  const template = JSON.parse(await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as CloudFormationTemplate;
  return { dir, template };
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
