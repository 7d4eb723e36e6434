import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** A DynamoDB-compatible server (dynalite, in memory, in this process), for the local stack and the tests. */
export interface LocalDynamoDB {
  /** For AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a table shaped like the one serverless.yml deploys (partition key `id`, a string). */
  createIdempotencyTable(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Dummy credentials and region: the AWS SDK needs some, dynalite checks none. */
export const LOCAL_AWS_ENV = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

/** Listens on `host`:`port` (default 127.0.0.1 and an ephemeral port). */
export async function startDynamoDB(options: { host?: string; port?: number } = {}): Promise<LocalDynamoDB> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const endpoint = `http://${host}:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  return {
    endpoint,
    client,
    createIdempotencyTable: async (name) => {
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
    },
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
