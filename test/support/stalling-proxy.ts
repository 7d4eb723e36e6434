import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 in front of a local DynamoDB that can leave chosen operations unanswered (a stalled
 * store): a request whose `X-Amz-Target` names a stalled operation is read and never answered; everything else is
 * passed through. Hung requests end when the proxy closes.
 */
export interface StallingProxy {
  /** For AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  /** Leaves every later request for `operation` (e.g. `PutItem`, `UpdateItem`) unanswered. */
  stall(operation: string): void;
  /** Passes every later request through again (already hung ones stay hung). */
  release(): void;
  /** How many requests for `operation` arrived (stalled or not). */
  count(operation: string): number;
  close(): Promise<void>;
}

export async function startStallingProxy(target: string): Promise<StallingProxy> {
  const stalled = new Set<string>();
  const counts = new Map<string, number>();
  const targetUrl = new URL(target);
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    if (stalled.has(operation)) {
      incoming.resume();
      return;
    }
    const upstream = forward(
      { host: targetUrl.hostname, port: targetUrl.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stall: (operation) => stalled.add(operation),
    release: () => stalled.clear(),
    count: (operation) => counts.get(operation) ?? 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
