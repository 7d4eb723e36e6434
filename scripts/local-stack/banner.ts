import { SEED } from '../../emulator';
import { cannedResponseRoute, type LocalStackUrls, transcriptPage } from './settings';

interface DemoRequest {
  conversationId: string;
  body: { responseId: string; substitutions: Record<string, string> };
}

/** The "Welcome" canned response into the seeded web messaging conversation. */
const DEMO_REQUEST: DemoRequest = {
  conversationId: SEED.conversations.active,
  body: { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } },
};

/** The WhatsApp template into the conversation whose customer last wrote 26 hours ago, where only templates go. */
const TEMPLATE_DEMO_REQUEST: DemoRequest = {
  conversationId: SEED.conversations.whatsappWindowClosed,
  body: { responseId: SEED.responses.template, substitutions: { '1': '51877' } },
};

function demoCurl(urls: LocalStackUrls, request: DemoRequest): string {
  return [
    `curl -sS -X POST ${cannedResponseRoute(urls, request.conversationId)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(request.body)}'`,
  ].join('\n');
}

/** What `npm start` prints once everything listens. */
export function readyBanner(urls: LocalStackUrls, startupSeconds: number): string {
  const indent = (text: string) => text.replace(/^/gm, '    ');
  return [
    '',
    `Local stack ready in ${startupSeconds.toFixed(1)} s: the function runs against a local Genesys Cloud emulator.`,
    '',
    `  Function (serverless offline)  POST ${cannedResponseRoute(urls, '{conversationId}')}`,
    `  Genesys Cloud emulator         ${urls.genesys}  (admin API: ${urls.genesys}/__admin)`,
    `  Secrets Manager stand-in       ${urls.secretsManager}`,
    `  Transcript page                ${urls.genesys}/`,
    '',
    '  Send the "Welcome" canned response into the seeded active conversation:',
    '',
    indent(demoCurl(urls, DEMO_REQUEST)),
    '',
    `  and watch it arrive: ${transcriptPage(urls, DEMO_REQUEST.conversationId)}`,
    '',
    '  Send the "Order shipped" WhatsApp template where the 24-hour window has closed (free text is refused there):',
    '',
    indent(demoCurl(urls, TEMPLATE_DEMO_REQUEST)),
    '',
    `  and watch it arrive: ${transcriptPage(urls, TEMPLATE_DEMO_REQUEST.conversationId)}`,
    '  Or invoke the function directly, as Architect does: npm run invoke -- events/direct.json',
    '',
    '  Seeded ids (all of them: SEED in emulator/seed.ts):',
    ...seededIds('conversation', SEED.conversations),
    ...seededIds('response', SEED.responses),
    '',
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

function seededIds(kind: string, ids: Record<string, string>): string[] {
  return Object.entries(ids).map(([name, id]) => `    ${kind.padEnd(13)}${name.padEnd(22)}${id}`);
}
