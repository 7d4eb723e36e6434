import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { CallLog } from './calls';
import type { FaultController } from './faults';
import { installRequestPipeline, type Logger } from './request-pipeline';
import { isPlainObject } from './routes/validation';
import type { EmulatorState } from './state';

export interface SecretsManagerDeps {
  state: EmulatorState;
  calls: CallLog;
  faults: FaultController;
  log: Logger;
}

const AWS_JSON = 'application/x-amz-json-1.1';
const ARN_PREFIX = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';

/**
 * AWS Secrets Manager's `GetSecretValue` over the AWS JSON 1.1 protocol, as AWS SDK v3 calls it when
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER` points here. Signatures are not checked. Every request to it is counted
 * (and faulted) as `getSecretValue`; other operations answer UnknownOperationException.
 */
export async function buildSecretsManagerServer(deps: SecretsManagerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const createdDate = Date.now() / 1000;

  app.addContentTypeParser(AWS_JSON, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(String(body)));
    } catch {
      done(null, undefined); // reported like a missing SecretId below
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-amzn-requestid', randomUUID());
    return payload;
  });
  installRequestPipeline(app, {
    calls: deps.calls,
    faults: deps.faults,
    log: deps.log,
    respondWithStatus: (reply, status) =>
      sendAwsError(reply, status, awsErrorTypeFor(status), `Injected fault: HTTP ${status}.`),
  });

  app.post('/', { config: { routeName: 'getSecretValue' } }, async (request, reply) => {
    const target = request.headers['x-amz-target'];
    if (target !== 'secretsmanager.GetSecretValue') {
      const message = `The emulator does not implement ${String(target)}.`;
      return sendAwsError(reply, 400, 'UnknownOperationException', message);
    }
    const secretId = isPlainObject(request.body) ? request.body.SecretId : undefined;
    if (typeof secretId !== 'string' || secretId === '') {
      const message = "1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must not be null";
      return sendAwsError(reply, 400, 'ValidationException', message);
    }
    // Like AWS, a secret is found by its name or its full ARN.
    const name = [...deps.state.secrets.keys()].find((n) => n === secretId || arnOf(n) === secretId);
    const secretString = name === undefined ? undefined : deps.state.secrets.get(name);
    if (name === undefined || secretString === undefined) {
      return sendAwsError(reply, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    return reply.type(AWS_JSON).send({
      ARN: arnOf(name),
      Name: name,
      SecretString: secretString,
      VersionId: versionIdOf(name, secretString),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: createdDate,
    });
  });
  return app;
}

function awsErrorTypeFor(status: number): string {
  if (status === 429) return 'ThrottlingException';
  return status >= 500 ? 'InternalServiceError' : 'InvalidRequestException';
}

function sendAwsError(reply: FastifyReply, status: number, type: string, message: string): FastifyReply {
  return reply.code(status).header('x-amzn-errortype', type).type(AWS_JSON).send({ __type: type, message });
}

/** Like AWS: the secret name plus a dash and six characters that never change for that secret. */
function arnOf(name: string): string {
  return `${ARN_PREFIX}${name}-${hash(name).slice(0, 6)}`;
}

/** Stable while the value is unchanged, new when a test sets another value, as a new secret version would be. */
function versionIdOf(name: string, secretString: string): string {
  const h = hash(`${name}\n${secretString}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
