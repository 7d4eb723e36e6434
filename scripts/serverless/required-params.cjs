'use strict';

/**
 * Stops the commands that need the credentials secret's ARN (package, deploy, deploy function, invoke local) with
 * one line naming the parameter and how to pass it. serverless.yml lets it default to `custom.secretArnNotSet` so
 * that `info`, `logs`, `invoke` and `remove` of a deployed stage work without repeating it.
 * Also stops a package or deploy whose Genesys AWS account id is not 12 digits: otherwise only CloudFormation,
 * creating the invoke role part-way through the deploy, would refuse the trust policy.
 */
class RequiredParams {
  constructor(serverless) {
    const requireAwsAccountId = () => {
      const accountId = String(serverless.service.custom.genesysAwsAccountId);
      if (/^\d{12}$/.test(accountId)) return;
      throw new serverless.classes.Error(
        `Invalid parameter genesysAwsAccountId: "${accountId}" is not a 12-digit AWS account id (the default is 765628985471).`,
        'INVALID_GENESYS_AWS_ACCOUNT_ID',
      );
    };
    const requireSecretArn = (hint = '') => () => {
      if (serverless.service.provider.environment.GENESYS_SECRET_ID !== serverless.service.custom.secretArnNotSet) return;
      throw new serverless.classes.Error(
        'Missing parameter genesysSecretArn: pass --param genesysSecretArn=<ARN of the Genesys credentials secret>, ' +
          `set GENESYS_SECRET_ARN, or add it under params.<stage> in serverless.yml${hint}.`,
        'MISSING_GENESYS_SECRET_ARN',
      );
    };
    this.hooks = {
      'before:package:cleanup': () => {
        requireSecretArn()();
        requireAwsAccountId();
      },
      'before:deploy:function:initialize': requireSecretArn(),
      'before:invoke:local:loadEnvVars': requireSecretArn('; against the local stack: npm run invoke -- <event file>'),
    };
  }
}

module.exports = RequiredParams;
