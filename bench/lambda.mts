/** The message every variant sends, the function's environment, and in-process invocation of a handler. */
import type { Context } from 'aws-lambda';
import { createRequire } from 'node:module';
import { SEED } from '../emulator/seed';
import { lambdaContext } from '../test/support/events';

/** A direct invocation with `communicationId` given: the warm path the function is built for. */
export const BENCH_MESSAGE = {
  conversationId: SEED.conversations.active,
  communicationId: SEED.communications.activeAgent,
  responseId: SEED.responses.welcome,
  // Both placeholders given, so the naive pipeline (which knows no defaults) builds the very same text.
  substitutions: { CUSTOMER_NAME: 'Ana', AGENT_NAME: 'Maya' },
};

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface SentMessage {
  messageId: string;
  text: string;
}

/** Invokes as Lambda would (fresh context, 10-second budget) and checks that a message went out. */
export async function invoke(handler: LambdaHandler, event: object, timeoutMs = 10_000): Promise<SentMessage> {
  const result = (await handler(event, lambdaContext(timeoutMs))) as Partial<SentMessage> | undefined;
  if (typeof result?.messageId !== 'string' || typeof result.text !== 'string') {
    throw new Error(`the invocation did not send a message: ${JSON.stringify(result)}`);
  }
  return result as SentMessage;
}

export function loadBundledHandler(file: string): LambdaHandler {
  return createRequire(import.meta.url)(file).handler;
}

export interface EmulatorEndpoints {
  url: string;
  secretsManagerUrl: string;
}

/**
 * The function's configuration against the emulator, as serverless.yml would set it (default log level, so
 * each invocation writes its log and metrics lines), plus what the Lambda runtime provides: AWS credentials
 * and region, and NODE_PATH to a folder holding @aws-sdk only.
 */
export function functionEnvironment(emulator: EmulatorEndpoints, runtimeModules: string): Record<string, string> {
  return {
    GENESYS_SECRET_ID: SEED.secretId,
    GENESYS_API_URL: emulator.url,
    GENESYS_LOGIN_URL: emulator.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: emulator.secretsManagerUrl,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    // Lambda runs Node 22, where the AWS SDK has nothing to warn about.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_PATH: runtimeModules,
  };
}
