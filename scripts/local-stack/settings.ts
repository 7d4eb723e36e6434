import { SEED } from '../../emulator';

/** Where each part of the local stack listens. */
export interface LocalStackPorts {
  /** Genesys Cloud emulator: API, login, admin API and transcript page. */
  genesys: number;
  /** The emulator's Secrets Manager endpoint. */
  secretsManager: number;
  /** serverless offline: the function's HTTP route. */
  offlineHttp: number;
  /** serverless offline: its Lambda Invoke API. */
  offlineLambda: number;
  /** DynamoDB stand-in (dynalite) holding the idempotency table. */
  dynamodb: number;
}

// Fixed defaults keep the printed URLs, the curl and `npm run invoke` valid from one run to the next.
// OFFLINE_HTTP_PORT / OFFLINE_LAMBDA_PORT are the variables serverless.yml already reads for serverless-offline.
const PORT_VARIABLES: Record<keyof LocalStackPorts, [variable: string, fallback: number]> = {
  genesys: ['EMULATOR_PORT', 8090],
  secretsManager: ['SECRETS_MANAGER_PORT', 8091],
  offlineHttp: ['OFFLINE_HTTP_PORT', 3000],
  offlineLambda: ['OFFLINE_LAMBDA_PORT', 3002],
  dynamodb: ['DYNAMODB_PORT', 8092],
};

/** The ports to use, each overridable by its environment variable. */
export function localStackPorts(env: NodeJS.ProcessEnv = process.env): LocalStackPorts {
  const port = ([variable, fallback]: [string, number]) => {
    const value = env[variable];
    if (value === undefined || value === '') return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > 65_535) {
      throw new Error(`${variable} must be a port number (1-65535), got "${value}".`);
    }
    return number;
  };
  return {
    genesys: port(PORT_VARIABLES.genesys),
    secretsManager: port(PORT_VARIABLES.secretsManager),
    offlineHttp: port(PORT_VARIABLES.offlineHttp),
    offlineLambda: port(PORT_VARIABLES.offlineLambda),
    dynamodb: port(PORT_VARIABLES.dynamodb),
  };
}

/** Loopback only: the emulator has no real security, and serverless.yml binds serverless offline here too. */
export const LOCAL_HOST = '127.0.0.1';

export interface LocalStackUrls {
  /** Base URL of the emulator's API and login routes; the transcript page is at `/`. */
  genesys: string;
  secretsManager: string;
  /** Base URL of the function's HTTP route under serverless offline. */
  functionApi: string;
  /** The DynamoDB stand-in's endpoint. */
  dynamodb: string;
}

export function localStackUrls(ports: LocalStackPorts): LocalStackUrls {
  const url = (port: number) => `http://${LOCAL_HOST}:${port}`;
  return {
    genesys: url(ports.genesys),
    secretsManager: url(ports.secretsManager),
    functionApi: url(ports.offlineHttp),
    dynamodb: url(ports.dynamodb),
  };
}

/** serverless.yml's HTTP route (serverless offline serves it without a stage prefix: noPrependStageInUrl). */
export function cannedResponseRoute(urls: LocalStackUrls, conversationId: string): string {
  return `${urls.functionApi}/conversations/${conversationId}/canned-responses`;
}

export function transcriptPage(urls: LocalStackUrls, conversationId: string): string {
  return `${urls.genesys}/#/${conversationId}`;
}

/**
 * Environment that points the function at the emulator instead of Genesys Cloud and AWS. The AWS SDK wants a
 * region and credentials even for a local endpoint, so it gets dummy ones; the region comes from serverless.yml.
 */
export function functionEnvironment(urls: LocalStackUrls): Record<string, string> {
  return {
    GENESYS_API_URL: urls.genesys,
    GENESYS_LOGIN_URL: urls.genesys,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: urls.secretsManager,
    AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

/** `--param`s for serverless.yml. */
export const SERVERLESS_PARAMS: Record<string, string> = {
  // The emulator's seeded secret stands in for the credentials secret's ARN.
  genesysSecretArn: SEED.secretId,
  // serverless offline checks no IAM signatures or API keys: say so rather than pretend the route is closed.
  httpAuth: 'none',
  // As deployed: IDEMPOTENCY_TABLE is set, and the table lives in the local DynamoDB stand-in.
  idempotency: 'enabled',
};

/** The table serverless.yml names for the default stage (`${service}-${stage}-idempotency`), created at start. */
export const LOCAL_IDEMPOTENCY_TABLE = 'genesys-canned-response-dev-idempotency';
