import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../emulator';
import { htmlToPlainText } from '../../src/message-text';
import { onlyResource, type PackagedService, packaged, resourcesOfType, TEST_SECRET_ARN } from '../support/package';

const run = promisify(execFile);
let service: PackagedService;
let handlerDir: string;
let bundle: string;

beforeAll(async () => {
  service = await packaged('default');
  const zip = await JSZip.loadAsync(await readFile(join(service.dir, 'sendCannedResponse.zip')));
  handlerDir = await mkdtemp(join(tmpdir(), 'gcr-artifact-'));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    await mkdir(dirname(join(handlerDir, name)), { recursive: true });
    await writeFile(join(handlerDir, name), await entry.async('nodebuffer'));
  }
  bundle = await readFile(join(handlerDir, 'src/handler.js'), 'utf8');
}, 180_000);

describe('CloudFormation template', () => {
  it('declares the function on nodejs22.x, arm64, with a data-action-friendly timeout', () => {
    // Act
    const fn = onlyResource(service.template, 'AWS::Lambda::Function');
    // Assess
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'src/handler.handler' });
    expect(fn.Timeout).toBeLessThanOrEqual(15);
    expect(fn.Environment.Variables).toMatchObject({
      GENESYS_SECRET_ID: TEST_SECRET_ARN,
      GENESYS_ENVIRONMENT: 'mypurecloud.com',
      SECRET_TTL_SECONDS: '300',
      RESPONSE_CACHE_TTL_SECONDS: '60',
      LOG_LEVEL: 'INFO',
    });
  });

  it('routes POST /conversations/{conversationId}/canned-responses to the function', () => {
    const routes = resourcesOfType(service.template, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey);
    expect(routes).toContain('POST /conversations/{conversationId}/canned-responses');
  });

  it('lets the function read the one secret, and gives no permission on a "*" resource', () => {
    // Prepare
    const role = service.template.Resources.IamRoleLambdaExecution!.Properties;
    const statements = role.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement);
    // Assess
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: TEST_SECRET_ARN });
    // Every resource is this secret or scoped to this service's own log group, never "*".
    for (const statement of statements) {
      for (const resource of [statement.Resource].flat()) {
        const text = JSON.stringify(resource);
        expect(text).not.toBe('"*"');
        expect(text === JSON.stringify(TEST_SECRET_ARN) || text.includes(':log-group:/aws/lambda/genesys-canned-response-test')).toBe(true);
      }
    }
  });
});

describe('bundled handler', () => {
  it('stays within its 498 KiB budget (docs/performance.md)', () => {
    expect(Buffer.byteLength(bundle)).toBeLessThanOrEqual(498 * 1024);
  });

  it('requires nothing but Node built-ins and the AWS SDK the Lambda runtime ships', () => {
    // Act
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!));
    // Assess
    const foreign = [...required].filter((name) => !builtinModules.includes(name.replace(/^node:/, '')) && !name.startsWith('@aws-sdk/'));
    expect(foreign).toEqual([]);
  });

  describe('loaded with require() from the zip on its own', () => {
    let emulator: RunningEmulator;
    let runtimeModules: string;

    beforeAll(async () => {
      emulator = await startEmulator({ quiet: true });
      // Stand-in for the runtime's node_modules: the AWS SDK packages and nothing of ours.
      runtimeModules = await mkdtemp(join(tmpdir(), 'gcr-runtime-'));
      await mkdir(join(runtimeModules, '@aws-sdk'));
      for (const name of ['client-secrets-manager', 'client-dynamodb', 'util-dynamodb']) {
        await symlink(resolve('node_modules/@aws-sdk', name), join(runtimeModules, '@aws-sdk', name));
      }
    });
    afterAll(async () => emulator?.close());

    /** Runs the zip's handler once in a process of its own, with only the contract environment. */
    async function invokeBundle(event: Record<string, string>): Promise<Record<string, any>> {
      const script = `require('./src/handler.js').handler(${JSON.stringify(event)}, { awsRequestId: 'r-1', getRemainingTimeInMillis: () => 5000 })
        .then((result) => process.stdout.write('RESULT ' + JSON.stringify(result)), (error) => { process.stdout.write('ERROR ' + error.message); process.exitCode = 1; });`;
      const { stdout } = await run(process.execPath, ['-e', script], {
        cwd: handlerDir,
        env: {
          NODE_PATH: runtimeModules,
          GENESYS_SECRET_ID: SEED.secretId,
          GENESYS_API_URL: emulator.url,
          GENESYS_LOGIN_URL: emulator.url,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: emulator.secretsManagerUrl,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        },
      });
      return JSON.parse(stdout.slice(stdout.indexOf('RESULT ') + 'RESULT '.length));
    }

    it('sends a canned response with only the contract environment', async () => {
      // Act
      const result = await invokeBundle({ conversationId: SEED.conversations.active, responseId: SEED.responses.refundPolicy });
      // Assess
      expect(result).toMatchObject({ conversationId: SEED.conversations.active, status: 'sent', communicationId: SEED.communications.activeAgent });
      expect(emulator.state.sentMessages.map((message) => message.request.textBody)).toEqual([result.text]);
    });

    it('turns an HTML response into the same text as the source does (the bundle swaps out parts of its dependencies)', async () => {
      // Prepare
      const html = emulator.state.responses.get(SEED.responses.openingHours)!.texts![0]!.content!;
      // Act
      const result = await invokeBundle({ conversationId: SEED.conversations.active, responseId: SEED.responses.openingHours });
      // Assess
      expect(result.text).toBe(htmlToPlainText(html));
      expect(result.text).toContain('8:00 – 20:00');
    });
  });
});
