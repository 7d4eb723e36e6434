import { beforeAll, describe, expect, it } from 'vitest';
import { type CloudFormationTemplate, onlyResource, packaged, packageRefusal, printServiceConfig, resourcesOfType } from '../support/package';

/** The deployment's `genesysSecretArn`, `httpAuth` and `idempotency` params, read from the templates `serverless package` writes. */
const openWithoutIdempotency = (await packaged('openWithoutIdempotencyOtherAccount')).template;
const templates = {
  default: (await packaged('default')).template,
  apiKey: (await packaged('apiKeyWithOrg')).template,
  none: openWithoutIdempotency,
  idempotencyDisabled: openWithoutIdempotency,
};
const refusals: Record<string, string> = {
  unknownValues: await packageRefusal('unknownValues'),
  genesysSecretArn: await packageRefusal('secretArnMissing'),
};
const SHELL_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:from-the-shell-XyZ';
let environmentFromShell: Record<string, string>;

beforeAll(async () => {
  environmentFromShell = (await printServiceConfig('provider.environment', { genesysSecretArn: undefined }, { GENESYS_SECRET_ARN: SHELL_SECRET_ARN })) as Record<string, string>;
}, 120_000);

const ROUTE_KEY = 'POST /conversations/{conversationId}/canned-responses';

function httpApiRoute(template: CloudFormationTemplate): Record<string, any> {
  const route = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').find(([, resource]) => resource.Properties.RouteKey === ROUTE_KEY);
  if (!route) throw new Error(`no HTTP API route ${ROUTE_KEY}`);
  return route[1].Properties;
}

describe('HTTP route authentication (param httpAuth)', () => {
  it('by default requires SigV4-signed calls: the HTTP API route uses AWS_IAM authorization', () => {
    expect(httpApiRoute(templates.default!).AuthorizationType).toBe('AWS_IAM');
    expect(resourcesOfType(templates.default!, 'AWS::ApiGateway::RestApi')).toHaveLength(0);
  });

  it('apiKey: a REST API method that requires x-api-key, a throttling usage plan, and no key value in the template', () => {
    // Act
    const method = onlyResource(templates.apiKey!, 'AWS::ApiGateway::Method');
    const plan = onlyResource(templates.apiKey!, 'AWS::ApiGateway::UsagePlan');
    const key = onlyResource(templates.apiKey!, 'AWS::ApiGateway::ApiKey');
    // Assess
    expect(method).toMatchObject({ HttpMethod: 'POST', ApiKeyRequired: true });
    expect(plan.Throttle).toEqual({ RateLimit: 50, BurstLimit: 100 });
    expect(key.Value).toBeUndefined();
    expect(onlyResource(templates.apiKey!, 'AWS::ApiGateway::UsagePlanKey').KeyType).toBe('API_KEY');
    expect(resourcesOfType(templates.apiKey!, 'AWS::ApiGatewayV2::Route')).toHaveLength(0);
  });

  it('is open only when asked for with httpAuth=none', () => {
    expect(httpApiRoute(templates.none!).AuthorizationType).toBeUndefined();
    expect(httpApiRoute(templates.default!).AuthorizationType).toBe('AWS_IAM');
  });

  it('refuses an unknown httpAuth value instead of deploying some default', () => {
    expect(refusals.unknownValues).toMatch(/Cannot resolve variable at "functions\.sendCannedResponse\.events"/);
  });
});

describe('idempotency table (param idempotency)', () => {
  it('by default: an on-demand table keyed by id with TTL on expiration, named in IDEMPOTENCY_TABLE', () => {
    // Act
    const table = templates.default!.Resources.IdempotencyTable!;
    const fn = onlyResource(templates.default!, 'AWS::Lambda::Function');
    // Assess
    expect(table.Condition).toBe('IdempotencyEnabled');
    expect(templates.default!.Conditions?.IdempotencyEnabled).toEqual({ 'Fn::Equals': ['enabled', 'enabled'] });
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
    expect(fn.Environment.Variables.IDEMPOTENCY_TABLE).toBe(table.Properties.TableName);
  });

  it("grants the function item reads and writes on that table's ARN only", () => {
    // Act
    const policy = templates.default!.Resources.IdempotencyTablePolicy!;
    // Assess
    expect(policy.Condition).toBe('IdempotencyEnabled');
    expect(policy.Properties.Roles).toEqual([{ Ref: 'IamRoleLambdaExecution' }]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: { 'Fn::GetAtt': ['IdempotencyTable', 'Arn'] },
      },
    ]);
  });

  it('disabled: neither table nor grant is created, and IDEMPOTENCY_TABLE is empty (idempotency off)', () => {
    // Act
    const template = templates.idempotencyDisabled!;
    // Assess
    expect(template.Conditions?.IdempotencyEnabled).toEqual({ 'Fn::Equals': ['disabled', 'enabled'] });
    expect(template.Resources.IdempotencyTable?.Condition).toBe('IdempotencyEnabled');
    expect(template.Resources.IdempotencyTablePolicy?.Condition).toBe('IdempotencyEnabled');
    expect(onlyResource(template, 'AWS::Lambda::Function').Environment.Variables.IDEMPOTENCY_TABLE).toBe('');
  });

  it('refuses an unknown idempotency value instead of silently turning it off', () => {
    expect(refusals.unknownValues).toMatch(/Cannot resolve variable at "provider\.environment\.IDEMPOTENCY_TABLE"/);
  });
});

describe('the credentials secret (param genesysSecretArn)', () => {
  it('missing: packaging stops with one line that names the parameter and how to pass it', () => {
    const lines = refusals.genesysSecretArn!.split('\n').filter((line) => line.includes('genesysSecretArn'));
    expect(lines).toEqual([
      'Missing parameter genesysSecretArn: pass --param genesysSecretArn=<ARN of the Genesys credentials secret>, set GENESYS_SECRET_ARN, or add it under params.<stage> in serverless.yml.',
    ]);
  });

  it('comes from GENESYS_SECRET_ARN when no --param gives it, so info, logs and invoke need no deploy parameter', () => {
    expect(environmentFromShell.GENESYS_SECRET_ID).toBe(SHELL_SECRET_ARN);
  });
});
