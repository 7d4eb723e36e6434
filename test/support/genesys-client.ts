import type { RunningEmulator } from '../../emulator';
import { SEED } from '../../emulator/seed';
import { createHttpClient, GenesysClient, type HttpClientOptions } from '../../src/genesys/client';
import { TokenCache } from '../../src/genesys/token';
import type { GenesysAttempt, GenesysCredentials, GenesysUrls } from '../../src/types';
import { FAKE_API, FAKE_LOGIN, type FakeGenesys } from './fake-genesys';

export interface GenesysClientSetup {
  urls: GenesysUrls;
  credentials?: () => GenesysCredentials;
  adapter?: HttpClientOptions['adapter'];
  now?: () => number;
}

/** A GenesysClient with its own token cache and HTTP client, recording every HTTP attempt. */
export function genesysClient(setup: GenesysClientSetup) {
  const attempts: GenesysAttempt[] = [];
  const credentials = setup.credentials ?? (() => ({ clientId: SEED.clientId, clientSecret: SEED.clientSecret }));
  const http = createHttpClient({ adapter: setup.adapter, onAttempt: (attempt) => attempts.push(attempt) });
  const tokens = new TokenCache({ credentials: async () => credentials(), urls: () => setup.urls, http, now: setup.now });
  return { client: new GenesysClient(http, tokens), tokens, http, attempts };
}

/** A GenesysClient on the seeded OAuth client of `emulator` (real sockets). */
export function emulatorClient(emulator: RunningEmulator) {
  return genesysClient({ urls: { apiBaseUrl: emulator.url, loginBaseUrl: emulator.url } });
}

/** A GenesysClient whose transport is `fake` (no socket). */
export function fakeGenesysClient(fake: FakeGenesys, setup: Omit<GenesysClientSetup, 'urls' | 'adapter'> = {}) {
  return genesysClient({ ...setup, urls: { apiBaseUrl: FAKE_API, loginBaseUrl: FAKE_LOGIN }, adapter: fake.adapter });
}
