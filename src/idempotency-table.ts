import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { IdempotencyRecordStatusValue } from '@aws-lambda-powertools/idempotency/types';

/**
 * Powertools idempotency records in a DynamoDB table with partition key `id` and TTL attribute `expiration`.
 *
 * Same attributes and conditional writes as Powertools' own `DynamoDBPersistenceLayer`, written against
 * `@aws-sdk/client-dynamodb` alone: that layer marshals with `@aws-sdk/util-dynamodb`, which this project does not
 * install. The stored result is kept as a JSON string (`data`, type S) instead of a DynamoDB map.
 * Key hashing, payload validation and expiry stay Powertools' (BasePersistenceLayer).
 */
export class IdempotencyTable extends BasePersistenceLayer {
  private readonly client = new DynamoDBClient({
    // A stalled DynamoDB call must fail while there is still time to answer, not eat the invocation's budget.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });

  constructor(private readonly tableName: string) {
    super();
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const now = Date.now();
    const item: Record<string, AttributeValue> = {
      id: { S: record.idempotencyKey },
      expiration: { N: String(record.expiryTimestamp) },
      status: { S: record.getStatus() },
    };
    if (record.inProgressExpiryTimestamp !== undefined) {
      item.in_progress_expiration = { N: String(record.inProgressExpiryTimestamp) };
    }
    if (this.isPayloadValidationEnabled() && record.payloadHash !== undefined) item.validation = { S: record.payloadHash };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          // The key is free when unused, expired, or held by an attempt that ran out of time (crashed or timed out).
          ConditionExpression:
            'attribute_not_exists(#id) OR #expiration < :now OR ' +
            '(#status = :inprogress AND attribute_exists(#in_progress_expiration) AND #in_progress_expiration < :now_ms)',
          ExpressionAttributeNames: {
            '#id': 'id',
            '#expiration': 'expiration',
            '#status': 'status',
            '#in_progress_expiration': 'in_progress_expiration',
          },
          ExpressionAttributeValues: {
            ':now': { N: String(now / 1000) },
            ':now_ms': { N: String(now) },
            ':inprogress': { S: IdempotencyRecordStatus.INPROGRESS },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new IdempotencyItemAlreadyExistsError(
          `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
          error.Item ? toRecord(error.Item) : undefined,
        );
      }
      throw error;
    }
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const answer = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { id: { S: idempotencyKey } }, ConsistentRead: true }),
    );
    if (!answer.Item) throw new IdempotencyItemNotFoundError();
    return toRecord(answer.Item);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const names: Record<string, string> = { '#expiration': 'expiration', '#status': 'status', '#data': 'data' };
    const values: Record<string, AttributeValue> = {
      ':expiration': { N: String(record.expiryTimestamp) },
      ':status': { S: record.getStatus() },
      ':data': { S: JSON.stringify(record.getResponse()) },
    };
    let update = 'SET #expiration = :expiration, #status = :status, #data = :data';
    if (this.isPayloadValidationEnabled() && record.payloadHash !== undefined) {
      names['#validation'] = 'validation';
      values[':validation'] = { S: record.payloadHash };
      update += ', #validation = :validation';
    }
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { id: { S: record.idempotencyKey } },
        UpdateExpression: update,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: { id: { S: record.idempotencyKey } } }));
  }
}

function toRecord(item: Record<string, AttributeValue>): IdempotencyRecord {
  const number = (value: AttributeValue | undefined) => (value?.N === undefined ? undefined : Number(value.N));
  return new IdempotencyRecord({
    idempotencyKey: item.id?.S ?? '',
    status: item.status?.S as IdempotencyRecordStatusValue,
    expiryTimestamp: number(item.expiration),
    inProgressExpiryTimestamp: number(item.in_progress_expiration),
    responseData: item.data?.S === undefined ? undefined : JSON.parse(item.data.S),
    payloadHash: item.validation?.S,
  });
}
