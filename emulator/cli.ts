import { parseArgs } from 'node:util';
import { FaultSpecError, parseLatencyTarget } from './faults';
import { SEED, startEmulator, type RunningEmulator } from './index';

/**
 * Runs the emulator until SIGINT/SIGTERM:
 *   npx tsx emulator/cli.ts --port 8090 [--secrets-port 8091] [--latency 25] [--latency sendMessage=100]
 *                           [--token-ttl 3600] [--quiet]
 * `--latency MS` applies to every route, `--latency ROUTE=MS` to one route (and wins over the global value).
 */

const USAGE =
  'Usage: npx tsx emulator/cli.ts [--port 8090] [--secrets-port 8091] [--latency MS | --latency ROUTE=MS]... ' +
  '[--token-ttl SECONDS] [--quiet]';

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      'secrets-port': { type: 'string' },
      latency: { type: 'string', multiple: true, default: [] },
      'token-ttl': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const port = toNumber('--port', values.port);
  const secretsPort = values['secrets-port'];
  return {
    help: values.help,
    port,
    // Next to the API port by default, so a local stack can configure both endpoints once.
    secretsManagerPort: secretsPort === undefined ? (port === 0 ? 0 : port + 1) : toNumber('--secrets-port', secretsPort),
    tokenTtlSeconds: values['token-ttl'] === undefined ? undefined : toNumber('--token-ttl', values['token-ttl']),
    quiet: values.quiet,
    latencies: values.latency.map(parseLatencyFlag),
  };
}

function toNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new FaultSpecError(`${flag} needs a number >= 0, got "${value}"`);
  }
  return number;
}

function parseLatencyFlag(value: string) {
  const [route, ms] = value.includes('=') ? value.split('=', 2) : ['*', value];
  return { route: parseLatencyTarget(route), ms: toNumber('--latency', ms ?? '') };
}

function printBanner(emulator: RunningEmulator): void {
  const lines = [
    'Genesys Cloud emulator is running',
    `  API + login base URL   ${emulator.url}`,
    `  Secrets Manager        ${emulator.secretsManagerUrl}`,
    `  Transcript page        ${emulator.url}/`,
    `  Admin API              ${emulator.url}/__admin`,
    '',
    'Environment for the function:',
    `  GENESYS_API_URL=${emulator.url}`,
    `  GENESYS_LOGIN_URL=${emulator.url}`,
    `  AWS_ENDPOINT_URL_SECRETS_MANAGER=${emulator.secretsManagerUrl}`,
    `  GENESYS_SECRET_ID=${SEED.secretId}`,
    '',
    `OAuth client id: ${SEED.clientId} (the secret is in ${SEED.secretId})`,
    `Agent user ids:  ${SEED.agentUserId}, ${SEED.secondAgentUserId}`,
    'Conversations:',
    ...Object.entries(SEED.conversations).map(([name, id]) => `  ${name.padEnd(26)} ${id}`),
    'Communications:',
    ...Object.entries(SEED.communications).map(([name, id]) => `  ${name.padEnd(26)} ${id}`),
    'Canned responses:',
    ...Object.entries(SEED.responses).map(([name, id]) => `  ${name.padEnd(26)} ${id}`),
    '',
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const options = parseCommandLine();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  for (const { route, ms } of options.latencies) emulator.faults.latency(route, ms);
  printBanner(emulator);

  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof FaultSpecError ? `${error.message}\n${USAGE}` : error);
  process.exit(1);
});
