import { substitutionInputName } from './inputs';

/**
 * Velocity templates of the web service action (Genesys renders `config.request.requestTemplate` and
 * `config.response.successTemplate` with Apache Velocity; `$esc.jsonString` escapes a value for a JSON string).
 */

const jsonString = (input: string) => `"$esc.jsonString($input.${input})"`;

/** `text` only when the flow gave the input: not missing, not null, not "". */
const ifGiven = (input: string, text: string) => `#if($input.${input} && "$input.${input}" != "")${text}#end`;

/**
 * The HTTP body `{responseId, communicationId?, agentUserId?, substitutions}` from the flat inputs, leaving out
 * every optional input the flow left empty (the HTTP route rejects an empty id).
 */
export function webServiceRequestTemplate(placeholders: readonly string[]): string {
  // `$separator` puts a comma between the substitutions actually given, whichever they are.
  const substitutions = placeholders
    .map((id) => ifGiven(substitutionInputName(id), `$separator"${id}": ${jsonString(substitutionInputName(id))}#set($separator = ", ")`))
    .join('');
  return [
    `{"responseId": ${jsonString('responseId')}`,
    ifGiven('communicationId', `, "communicationId": ${jsonString('communicationId')}`),
    ifGiven('agentUserId', `, "agentUserId": ${jsonString('agentUserId')}`),
    `, "substitutions": {#set($separator = "")${substitutions}}}`,
  ].join('');
}

/** The output object from the translation map, whose values Genesys renders as JSON (strings quoted). */
export function webServiceSuccessTemplate(outputs: readonly string[]): string {
  return `{${outputs.map((name) => `"${name}": \${${name}}`).join(', ')}}`;
}
