'use strict';

/**
 * Stops the commands that need the credentials secret's ARN (package, deploy, deploy function, invoke local) with
 * one line naming the parameter and how to pass it. serverless.yml lets it default to `custom.secretArnNotSet` so
 * that `info`, `logs`, `invoke` and `remove` of a deployed stage work without repeating it.
 */
class RequiredParams {
  constructor(serverless) {
    const requireSecretArn = (hint = '') => () => {
      if (serverless.service.provider.environment.GENESYS_SECRET_ID !== serverless.service.custom.secretArnNotSet) return;
      throw new serverless.classes.Error(
        'Missing parameter genesysSecretArn: pass --param genesysSecretArn=<ARN of the Genesys credentials secret>, ' +
          `set GENESYS_SECRET_ARN, or add it under params.<stage> in serverless.yml${hint}.`,
        'MISSING_GENESYS_SECRET_ARN',
      );
    };
    this.hooks = {
      'before:package:cleanup': requireSecretArn(),
      'before:deploy:function:initialize': requireSecretArn(),
      'before:invoke:local:loadEnvVars': requireSecretArn('; against the local stack: npm run invoke -- <event file>'),
    };
  }
}

module.exports = RequiredParams;
