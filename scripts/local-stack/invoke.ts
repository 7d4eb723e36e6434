import { once } from 'node:events';
import { resolve } from 'node:path';
import { spawnServerless } from './serverless-cli';
import { localStackPorts, localStackUrls } from './settings';

/**
 * `npm run invoke -- events/direct.json`: `serverless invoke local` of the function with the event in that file,
 * against the emulator of a running `npm start` (same ports, same environment variables).
 */
async function main(): Promise<number> {
  const eventFile = process.argv[2];
  if (eventFile === undefined) {
    console.error('Usage: npm run invoke -- <event file>   e.g. npm run invoke -- events/direct.json');
    return 2;
  }
  const urls = localStackUrls(localStackPorts());
  if (!(await isListening(urls.genesys))) {
    console.error(`No Genesys Cloud emulator answers at ${urls.genesys}: start the local stack first (npm start).`);
    return 1;
  }
  // npm runs scripts from the package root; a relative path means relative to where the user typed the command.
  const eventPath = resolve(process.env.INIT_CWD ?? process.cwd(), eventFile);
  const child = spawnServerless(['invoke', 'local', '-f', 'sendCannedResponse', '-p', eventPath], urls, { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code ?? 1;
}

async function isListening(url: string): Promise<boolean> {
  return fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
