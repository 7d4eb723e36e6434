import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorState, StateChange } from '../state';
import { listUiConversations, listUiLibraries, toUiConversation, toUiMessage } from '../ui/view-model';

const HEARTBEAT_MS = 15_000;

/**
 * The transcript page at `/` and its token-free data API under `/__ui/`, including a server-sent event stream
 * so the page updates as soon as a message is sent.
 */
export const uiRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  const page = await readFile(new URL('../ui/transcript.html', import.meta.url), 'utf8');

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));

  app.get('/__ui/conversations', async () => ({ conversations: listUiConversations(state) }));

  app.get<{ Params: { conversationId: string } }>('/__ui/conversations/:conversationId', async (request, reply) => {
    const conversation = state.conversations.get(request.params.conversationId);
    return conversation ? toUiConversation(conversation) : reply.code(404).send({ error: 'conversation not found' });
  });

  app.get('/__ui/library', async () => ({ libraries: listUiLibraries(state) }));

  app.get('/__ui/events', (_request, reply) => {
    // The stream outlives the handler, so it is written on the raw response rather than through fastify.
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    stream.write('retry: 2000\n\n');
    const emit = (event: string, data: unknown) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

    const unsubscribe = state.onChange((change: StateChange) => {
      if (change.kind === 'reset') {
        emit('reset', {});
        return;
      }
      const conversation = state.conversations.get(change.conversationId);
      if (!conversation) return;
      emit('message', { conversationId: conversation.id, message: toUiMessage(conversation, change.message) });
    });
    // Comments keep proxies and idle timeouts from closing a quiet stream.
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    stream.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
};
