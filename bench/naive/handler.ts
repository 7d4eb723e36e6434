/**
 * The common tutorial's way to send a canned response from Lambda, as the benchmark's baseline: plain axios,
 * real Genesys Cloud endpoints, and every message starts from scratch — a new token, the response fetched
 * again, the conversation read to find the agent's communication — four sequential calls per message.
 * Honest, not sabotaged: keep-alive sockets (Node's default agent), no artificial waits.
 */
import axios from 'axios';

interface NaiveEvent {
  conversationId: string;
  responseId: string;
  substitutions?: Record<string, string>;
}

interface ResponseText {
  content: string;
  contentType: string;
  type?: string;
}

interface Participant {
  purpose?: string;
  messages?: { id: string; state?: string }[];
}

export async function handler(event: NaiveEvent) {
  const env = process.env;
  const basic = Buffer.from(`${env.GENESYS_CLIENT_ID}:${env.GENESYS_CLIENT_SECRET}`).toString('base64');
  const token = await axios.post(`${env.GENESYS_LOGIN_URL}/oauth/token`, 'grant_type=client_credentials', {
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const api = axios.create({ baseURL: env.GENESYS_API_URL, headers: { Authorization: `Bearer ${token.data.access_token}` } });

  const { data: response } = await api.get(`/api/v2/responsemanagement/responses/${event.responseId}`);
  const { data: conversation } = await api.get(`/api/v2/conversations/${event.conversationId}`);
  const agent = (conversation.participants as Participant[]).find((p) => p.purpose === 'agent' && p.messages?.some((m) => m.state === 'connected'));
  const communicationId = agent?.messages?.find((m) => m.state === 'connected')?.id;
  if (!communicationId) throw new Error('No connected agent in this conversation');

  let text: string = (response.texts as ResponseText[]).find((t) => t.type === 'body')?.content ?? '';
  for (const [name, value] of Object.entries(event.substitutions ?? {})) text = text.replaceAll(`{{${name}}}`, value);

  const { data: message } = await api.post(
    `/api/v2/conversations/messages/${event.conversationId}/communications/${communicationId}/messages`,
    { textBody: text },
  );
  return { messageId: message.id, text, status: message.status };
}
