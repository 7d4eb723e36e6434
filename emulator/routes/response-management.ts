import type { FastifyPluginAsync } from 'fastify';
import { sendGenesysError } from '../genesys-errors';
import type { CannedResponse } from '../model';
import type { EmulatorState } from '../state';
import { paginate, pageUris, parsePaging } from './pagination';
import { isPlainObject, isUuid } from './validation';

const LIBRARIES_PATH = '/api/v2/responsemanagement/libraries';

/** Canned responses ("Response Management"): one response by id, the library listing, and the query. */
export const responseManagementRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  app.get<{ Params: { responseId: string } }>(
    '/responsemanagement/responses/:responseId',
    { config: { routeName: 'getResponse' } },
    async (request, reply) => {
      const { responseId } = request.params;
      if (!isUuid(responseId)) {
        return sendGenesysError(reply, 400, 'bad.request', `The response id ${responseId} is not a valid UUID.`);
      }
      const response = state.responses.get(responseId);
      if (!response) return sendGenesysError(reply, 404, 'not.found', `Response ${responseId} was not found.`);
      return response;
    },
  );

  app.get<{ Querystring: { pageSize?: string; pageNumber?: string } }>(
    '/responsemanagement/libraries',
    { config: { routeName: 'listLibraries' } },
    async (request, reply) => {
      const paging = parsePaging(request.query.pageSize, request.query.pageNumber);
      if (typeof paging === 'string') return sendGenesysError(reply, 400, 'bad.request', paging);
      const libraries = [...state.libraries.values()].sort((a, b) => a.name.localeCompare(b.name));
      const page = paginate(libraries, paging);
      return { ...page, ...pageUris(LIBRARIES_PATH, page) };
    },
  );

  const queryConfig = { config: { routeName: 'queryResponses' } } as const;
  app.post('/responsemanagement/responses/query', queryConfig, async (request, reply) => {
    const query = parseResponseQuery(request.body);
    if (typeof query === 'string') return sendGenesysError(reply, 400, 'bad.request', query);
    const matches = [...state.responses.values()]
      .filter((response) => matchesPhrase(response, query.queryPhrase))
      .filter((response) => !query.libraryIds || response.libraries.some((l) => query.libraryIds?.has(l.id ?? '')))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    return { results: paginate(matches, query.paging) };
  });
};

interface ResponseQuery {
  queryPhrase: string;
  paging: { pageSize: number; pageNumber: number };
  /** From a `libraryId` filter; undefined = any library. */
  libraryIds?: Set<string>;
}

/** Reads a ResponseQueryRequest; only the `libraryId` filter (operators IN and EQUALS) is supported. */
function parseResponseQuery(body: unknown): ResponseQuery | string {
  if (!isPlainObject(body)) return 'The request body must be a ResponseQueryRequest JSON object.';
  const { queryPhrase = '', pageSize, pageNumber, filters = [] } = body;
  if (typeof queryPhrase !== 'string') return 'queryPhrase must be a string.';
  const paging = parsePaging(pageSize, pageNumber);
  if (typeof paging === 'string') return paging;
  if (!Array.isArray(filters)) return 'filters must be an array of {name, operator, values}.';

  let libraryIds: Set<string> | undefined;
  for (const filter of filters) {
    if (!isPlainObject(filter) || !Array.isArray(filter.values)) {
      return 'Each filter must be an object {name, operator, values[]}.';
    }
    const operator = String(filter.operator).toUpperCase();
    if (filter.name !== 'libraryId' || (operator !== 'IN' && operator !== 'EQUALS')) {
      return `Unsupported filter ${JSON.stringify(filter.name)} with operator ${JSON.stringify(filter.operator)}; ` +
        'the emulator supports libraryId with IN or EQUALS.';
    }
    libraryIds = new Set(filter.values.map(String));
  }
  return { queryPhrase, paging, ...(libraryIds ? { libraryIds } : {}) };
}

/** Case-insensitive match on the name or any text, like the agent UI's response search. */
function matchesPhrase(response: CannedResponse, phrase: string): boolean {
  const needle = phrase.trim().toLowerCase();
  if (needle === '') return true;
  const haystacks = [response.name ?? '', ...(response.texts ?? []).map((text) => text.content)];
  return haystacks.some((text) => text.toLowerCase().includes(needle));
}
