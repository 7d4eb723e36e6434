import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** Builders for the three entry points' events, shaped like the ones API Gateway and Lambda deliver. */

export interface HttpRequest {
  conversationId: string;
  body: unknown;
  headers?: Record<string, string>;
  /** Send `body` as is (a string) instead of JSON-encoding it. */
  raw?: boolean;
  base64?: boolean;
}

function encode(request: HttpRequest): { body: string; isBase64Encoded: boolean } {
  const text = request.raw ? String(request.body) : JSON.stringify(request.body);
  return request.base64 ? { body: Buffer.from(text).toString('base64'), isBase64Encoded: true } : { body: text, isBase64Encoded: false };
}

export function httpApiV2Event(request: HttpRequest): APIGatewayProxyEventV2 {
  const path = `/conversations/${request.conversationId}/canned-responses`;
  return {
    version: '2.0',
    routeKey: 'POST /conversations/{conversationId}/canned-responses',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...request.headers },
    pathParameters: { conversationId: request.conversationId },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req',
      routeKey: 'POST /conversations/{conversationId}/canned-responses',
      stage: '$default',
      time: '28/Nov/2026:12:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    ...encode(request),
  };
}

export function restApiV1Event(request: HttpRequest): APIGatewayProxyEvent {
  const path = `/conversations/${request.conversationId}/canned-responses`;
  return {
    resource: '/conversations/{conversationId}/canned-responses',
    path,
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', ...request.headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { conversationId: request.conversationId },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      authorizer: null,
      httpMethod: 'POST',
      identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
      path,
      protocol: 'HTTP/1.1',
      requestId: 'req',
      requestTimeEpoch: 1_795_000_000_000,
      resourceId: 'res',
      resourcePath: '/conversations/{conversationId}/canned-responses',
      stage: 'dev',
    },
    ...encode(request),
  };
}

let invocation = 0;

/** A Lambda context with a real countdown, so deadline handling behaves as in Lambda. */
export function lambdaContext(timeoutMs = 10_000): Context {
  const startedAt = Date.now();
  invocation += 1;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'genesys-canned-response-dev-sendCannedResponse',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:genesys-canned-response-dev-sendCannedResponse',
    memoryLimitInMB: '256',
    awsRequestId: `00000000-0000-4000-8000-${String(invocation).padStart(12, '0')}`,
    logGroupName: '/aws/lambda/genesys-canned-response-dev-sendCannedResponse',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
