import { afterAll, beforeAll, vi } from 'vitest';
import { LOCAL_AWS_ENV, type LocalDynamoDB, startDynamoDB } from '../../scripts/local-stack/dynamodb';

/** An in-process DynamoDB (dynalite, in memory) on 127.0.0.1: the one `npm start` runs, on an ephemeral port. */
export { LOCAL_AWS_ENV, type LocalDynamoDB, startDynamoDB };

/**
 * For the test file: dynalite started with an idempotency table named `table`, and the AWS SDK pointed at it
 * (local credentials, AWS_ENDPOINT_URL_DYNAMODB) until the file ends.
 */
export function useIdempotencyTable(table: string): void {
  let dynamo: LocalDynamoDB | undefined;
  beforeAll(async () => {
    dynamo = await startDynamoDB();
    await dynamo.createIdempotencyTable(table);
    for (const [name, value] of Object.entries({ ...LOCAL_AWS_ENV, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint })) vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await dynamo?.close();
  });
}
