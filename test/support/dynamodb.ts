/** An in-process DynamoDB (dynalite, in memory) on 127.0.0.1: the one `npm start` runs, on an ephemeral port. */
export { LOCAL_AWS_ENV, type LocalDynamoDB, startDynamoDB } from '../../scripts/local-stack/dynamodb';
