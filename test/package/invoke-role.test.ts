import { describe, expect, it } from 'vitest';
import { type CloudFormationTemplate, PACKAGE_VARIANTS, packaged, packageRefusal, TEST_GENESYS_ORG_ID } from '../support/package';

const ORG_ID = TEST_GENESYS_ORG_ID;
const GENESYS_ACCOUNT = 'arn:aws:iam::765628985471:root';
const OTHER_GENESYS_ACCOUNT_ID = PACKAGE_VARIANTS.openWithoutIdempotencyOtherAccount.genesysAwsAccountId;
const FUNCTION_ARN = { 'Fn::GetAtt': ['SendCannedResponseLambdaFunction', 'Arn'] };

/** Evaluates a condition made of Fn::Not and Fn::Equals over literals, as CloudFormation would at deploy time. */
function holds(condition: unknown): boolean {
  const [[name, args]] = Object.entries(condition as Record<string, unknown[]>) as [[string, unknown[]]];
  if (name === 'Fn::Not') return !holds(args[0]);
  if (name === 'Fn::Equals') return args[0] === args[1];
  throw new Error(`unsupported condition function ${name}`);
}

/** The resources and outputs CloudFormation would create from a template. */
function deployed(template: CloudFormationTemplate) {
  const wanted = (entry: { Condition?: string }) => entry.Condition === undefined || holds(template.Conditions?.[entry.Condition]);
  return {
    resources: Object.fromEntries(Object.entries(template.Resources).filter(([, resource]) => wanted(resource))),
    outputs: Object.fromEntries(Object.entries(template.Outputs ?? {}).filter(([, output]) => wanted(output as { Condition?: string }))),
  };
}

const withOrg = (await packaged('apiKeyWithOrg')).template;
const withoutOrg = (await packaged('default')).template;
const withOtherAccount = (await packaged('openWithoutIdempotencyOtherAccount')).template;
const shortAccountRefusal = await packageRefusal('awsAccountIdShort');

describe('the Genesys invoke role', () => {
  it('is created with --param genesysOrgId, trusting Genesys Cloud for that organization only', () => {
    // Act
    const { resources } = deployed(withOrg);
    // Assess
    expect(resources.GenesysInvokeRole?.Type).toBe('AWS::IAM::Role');
    expect(resources.GenesysInvokeRole!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: GENESYS_ACCOUNT }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': ORG_ID } } },
    ]);
  });

  it('trusts the Genesys account given with --param genesysAwsAccountId instead of the default one', () => {
    // Act
    const statement = deployed(withOtherAccount).resources.GenesysInvokeRole!.Properties.AssumeRolePolicyDocument.Statement[0];
    // Assess
    expect(statement.Principal).toEqual({ AWS: `arn:aws:iam::${OTHER_GENESYS_ACCOUNT_ID}:root` });
    expect(statement.Condition).toEqual({ StringEquals: { 'sts:ExternalId': ORG_ID } });
  });

  it('refuses to package with a genesysAwsAccountId that is not 12 digits, naming the parameter', () => {
    expect(shortAccountRefusal.split('\n').filter((line) => line.includes('genesysAwsAccountId'))).toEqual([
      'Invalid parameter genesysAwsAccountId: "76562898547" is not a 12-digit AWS account id (the default is 765628985471).',
    ]);
  });

  it('may only invoke this function', () => {
    // Act
    const statements = deployed(withOrg).resources.GenesysInvokeRole!.Properties.Policies.flatMap(
      (policy: { PolicyDocument: { Statement: unknown[] } }) => policy.PolicyDocument.Statement,
    );
    // Assess
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [FUNCTION_ARN, { 'Fn::Join': ['', [FUNCTION_ARN, ':*']] }] },
    ]);
    expect(withOrg.Resources.SendCannedResponseLambdaFunction?.Type).toBe('AWS::Lambda::Function');
  });

  it('has its ARN as a stack output, for the integration credentials', () => {
    expect(deployed(withOrg).outputs.GenesysInvokeRoleArn).toMatchObject({ Value: { 'Fn::GetAtt': ['GenesysInvokeRole', 'Arn'] } });
  });

  it('is not created, nor output, without genesysOrgId', () => {
    // Act
    const { resources, outputs } = deployed(withoutOrg);
    // Assess
    expect(resources.GenesysInvokeRole).toBeUndefined();
    expect(outputs.GenesysInvokeRoleArn).toBeUndefined();
    expect(Object.values(resources).filter((resource) => resource.Type === 'AWS::IAM::Role')).toHaveLength(1);
  });
});
