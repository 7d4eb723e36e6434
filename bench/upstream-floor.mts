/**
 * The floor of warm latency: one raw HTTP POST to the emulator's send route — what any sender must pay for one
 * upstream round trip — through Node's default keep-alive agent, the one axios (ours and the naive pipeline)
 * uses too. The answer is read whole and parsed, as a client must.
 */
import http from 'node:http';
import { SEED } from '../emulator/seed';

export async function upstreamRoundTrip(emulatorUrl: string, message: { conversationId: string; communicationId: string }, textBody: string) {
  const token = await fetch(`${emulatorUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${SEED.clientId}:${SEED.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  }).then((answer) => answer.json() as Promise<{ access_token: string }>);
  const url = `${emulatorUrl}/api/v2/conversations/messages/${message.conversationId}/communications/${message.communicationId}/messages`;
  const body = JSON.stringify({ textBody });
  const headers = { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json', Accept: 'application/json' };

  return () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new Error(`the raw send answered ${response.statusCode}`));
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve();
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
}
