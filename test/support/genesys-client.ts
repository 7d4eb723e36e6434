import { SEED, type RunningEmulator } from '../../emulator';
import { createHttpClient, GenesysClient } from '../../src/genesys/client';
import type { GenesysAttempt } from '../../src/types';
import { TokenCache } from '../../src/genesys/token';

/** A GenesysClient on the seeded OAuth client of `emulator`, recording every HTTP attempt. */
export function emulatorClient(emulator: RunningEmulator) {
  const attempts: GenesysAttempt[] = [];
  const http = createHttpClient({ onAttempt: (attempt) => attempts.push(attempt) });
  const tokens = new TokenCache({
    credentials: async () => ({ clientId: SEED.clientId, clientSecret: SEED.clientSecret }),
    urls: () => ({ apiBaseUrl: emulator.url, loginBaseUrl: emulator.url }),
    http,
  });
  return { client: new GenesysClient(http, tokens), tokens, attempts };
}
