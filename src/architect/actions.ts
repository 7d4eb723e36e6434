import { substitutionInputName } from './inputs';
import { directEventSchema, substitutionInputSchema, successSchema } from '../schema';
import * as z from '../zod';
import { type ContractSchema, inputContract, outputContract } from './contracts';
import { webServiceRequestTemplate, webServiceSuccessTemplate } from './velocity';

/** A data action as Genesys exports it and its Import accepts (Admin → Integrations → Actions → Import). */
export interface DataActionExport {
  name: string;
  integrationType: 'aws-lambda-data-actions' | 'custom-rest-actions';
  actionType: 'custom';
  config: {
    request: { requestUrlTemplate: string; requestType: 'POST'; headers: Record<string, string>; requestTemplate: string };
    response: { translationMap: Record<string, string>; translationMapDefaults: Record<string, string>; successTemplate: string };
    timeoutSeconds: number;
  };
  contract: { input: { inputSchema: ContractSchema }; output: { successSchema: ContractSchema } };
  secure: boolean;
}

/**
 * Placeholders the shipped actions take as `substitution_<ID>` inputs; an admin adds others to their copy. `1` and
 * `2` are the first variables of a WhatsApp template response (docs/channels.md).
 */
export const SHIPPED_PLACEHOLDERS = ['CUSTOMER_NAME', 'AGENT_NAME', '1', '2'] as const;

/** What the admin replaces after import (docs/architect.md). */
const LAMBDA_ARN_PLACEHOLDER = 'arn:aws:lambda:REGION:ACCOUNT:function:genesys-canned-response-prod-sendCannedResponse';
// The API-key option serves the route from a REST API, whose URL ends with the stage (output ServiceEndpoint).
export const API_URL_PLACEHOLDER = 'https://API_ID.execute-api.REGION.amazonaws.com/STAGE';

/**
 * Above the function's 10 s timeout (whose deadline answers 0.5 s before it) plus a cold start, so a flow always
 * gets the function's own answer; well below Genesys's default of 60 s, so a broken integration fails fast.
 */
const DATA_ACTION_TIMEOUT_SECONDS = 20;

const substitutionInputs = Object.fromEntries(
  SHIPPED_PLACEHOLDERS.map((id) => [
    substitutionInputName(id),
    z.described(z.optional(substitutionInputSchema), `Value for {{${id}}}; empty = the response's default value`),
  ]),
);

/** The direct-invocation event with flat inputs in place of the `substitutions` object. */
const lambdaInputSchema = z.extend(z.omit(directEventSchema, { substitutions: true }), substitutionInputs);

/** The HTTP route's inputs: no idempotency key (a header cannot be left out when empty) and no substitutionsJson. */
const webServiceInputSchema = z.omit(lambdaInputSchema, { idempotencyKey: true, substitutionsJson: true });

const webServiceOutputSchema = z.pick(successSchema, { messageId: true, status: true, text: true });

export function lambdaAction(): DataActionExport {
  return {
    name: 'Send Canned Response (AWS Lambda)',
    integrationType: 'aws-lambda-data-actions',
    actionType: 'custom',
    config: {
      request: { requestUrlTemplate: LAMBDA_ARN_PLACEHOLDER, requestType: 'POST', headers: {}, requestTemplate: '${input.rawRequest}' },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}' },
      timeoutSeconds: DATA_ACTION_TIMEOUT_SECONDS,
    },
    contract: { input: { inputSchema: inputContract(lambdaInputSchema) }, output: { successSchema: outputContract(successSchema) } },
    secure: false,
  };
}

export function webServiceAction(): DataActionExport {
  const outputs = Object.keys(webServiceOutputSchema.shape);
  return {
    name: 'Send Canned Response (Web Service)',
    integrationType: 'custom-rest-actions',
    actionType: 'custom',
    config: {
      request: {
        requestUrlTemplate: `${API_URL_PLACEHOLDER}/conversations/$esc.url($input.conversationId)/canned-responses`,
        requestType: 'POST',
        // Genesys cannot sign SigV4: this action needs the stack deployed with the API-key option.
        headers: { 'Content-Type': 'application/json', 'x-api-key': '${credentials.apiKey}' },
        requestTemplate: webServiceRequestTemplate(SHIPPED_PLACEHOLDERS),
      },
      response: {
        translationMap: Object.fromEntries(outputs.map((name) => [name, `$.${name}`])),
        translationMapDefaults: {},
        successTemplate: webServiceSuccessTemplate(outputs),
      },
      timeoutSeconds: DATA_ACTION_TIMEOUT_SECONDS,
    },
    contract: {
      input: { inputSchema: inputContract(webServiceInputSchema) },
      output: { successSchema: outputContract(webServiceOutputSchema) },
    },
    secure: false,
  };
}

/** The committed files of integrations/architect/, by file name, exactly as `npm run architect:export` writes them. */
export function architectExports(): Record<string, string> {
  const asFile = (action: DataActionExport) => `${JSON.stringify(action, null, 2)}\n`;
  return {
    'send-canned-response.aws-lambda.json': asFile(lambdaAction()),
    'send-canned-response.web-service.json': asFile(webServiceAction()),
  };
}

export const ARCHITECT_EXPORT_DIR = 'integrations/architect';
