import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { requestToken } from './harness';

const CLI = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('emulator/cli.ts', () => {
  it('prints the URLs and seeded ids (never the client secret), serves, and stops on SIGTERM', async () => {
    // Prepare: node itself runs the CLI (through tsx's loader) so the signal reaches it directly.
    const args = ['--import', 'tsx', CLI, '--port', '0', '--latency', 'sendMessage=5', '--quiet'];
    const cli = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = once(cli, 'exit');
    try {
      await waitFor(() => output.includes('Press Ctrl+C to stop.'), 10_000);
      const apiUrl = /API \+ login base URL\s+(\S+)/.exec(output)?.[1] ?? '';

      // Act
      const token = await requestToken(apiUrl);
      cli.kill('SIGTERM');
      const [code] = await exited;

      // Assess
      expect(token).toEqual(expect.any(String));
      expect(code).toBe(0);
      expect(output).toContain(`AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:`);
      expect(output).toContain(SEED.clientId);
      expect(output).toContain(SEED.conversations.active);
      expect(output).toContain(SEED.communications.activeAgent);
      expect(output).not.toContain(SEED.clientSecret);
    } finally {
      if (cli.exitCode === null) cli.kill('SIGKILL');
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the CLI');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
