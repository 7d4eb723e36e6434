import type { FastifyPluginAsync } from 'fastify';
import type { Models } from 'purecloud-platform-client-v2';
import { sendGenesysError, sendInvalidId, sendInvalidValue } from '../genesys-errors';
import type { CannedResponse } from '../model';
import type { EmulatorState } from '../state';
import { paginate, pageUris, parsePaging } from './pagination';
import { isPlainObject, isUuid } from './validation';

const LIBRARIES_PATH = '/api/v2/responsemanagement/libraries';
const RESPONSES_PATH = '/api/v2/responsemanagement/responses';

/**
 * Canned responses ("Response Management"): one response by id, a library's responses, the libraries (listing, a
 * batch by ids, one by id), the query, and response assets (none).
 */
export const responseManagementRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  app.get<{ Params: { responseId: string } }>(
    '/responsemanagement/responses/:responseId',
    { config: { routeName: 'getResponse' } },
    async (request, reply) => {
      const { responseId } = request.params;
      if (!isUuid(responseId)) return sendInvalidId(reply, 'responseId', responseId);
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
      if (typeof paging === 'string') return sendInvalidValue(reply, 'pageSize', paging);
      const libraries = [...state.libraries.values()].sort((a, b) => a.name.localeCompare(b.name));
      const page = paginate(libraries, paging);
      return { ...page, ...pageUris(LIBRARIES_PATH, page) };
    },
  );

  app.get<{ Params: { libraryId: string } }>(
    '/responsemanagement/libraries/:libraryId',
    { config: { routeName: 'getLibrary' } },
    async (request, reply) => {
      const { libraryId } = request.params;
      if (!isUuid(libraryId)) return sendInvalidId(reply, 'libraryId', libraryId);
      return state.libraries.get(libraryId) ?? sendGenesysError(reply, 404, 'not.found', `Library ${libraryId} was not found.`);
    },
  );

  app.post('/responsemanagement/libraries/bulk', { config: { routeName: 'getLibrariesBulk' } }, async (request, reply) => {
    const body = request.body;
    const libraryIds = isPlainObject(body) ? body.libraryIds : undefined;
    if (!Array.isArray(libraryIds) || !libraryIds.every(isUuid)) {
      return sendInvalidValue(reply, 'libraryIds', 'The body must be a LibraryBatchRequest whose {field} is an array of library UUIDs.');
    }
    // Unknown ids are left out; whether the platform does the same or refuses the batch is not documented.
    const entities = libraryIds.flatMap((id) => state.libraries.get(id) ?? []);
    return { entities, total: entities.length } satisfies Models.LibraryEntityListing;
  });

  app.get<{ Params: { responseAssetId: string } }>(
    '/responsemanagement/responseassets/:responseAssetId',
    { config: { routeName: 'getResponseAsset' } },
    async (request, reply) => {
      const { responseAssetId } = request.params;
      if (!isUuid(responseAssetId)) return sendInvalidId(reply, 'responseAssetId', responseAssetId);
      // Assets are uploaded through a flow the emulator does not offer, so none exists.
      return sendGenesysError(reply, 404, 'not.found', `Response asset ${responseAssetId} was not found.`);
    },
  );

  app.get<{ Querystring: { libraryId?: string; pageSize?: string; pageNumber?: string } }>(
    '/responsemanagement/responses',
    { config: { routeName: 'listResponses' } },
    async (request, reply) => {
      const { libraryId } = request.query;
      if (libraryId === undefined) return sendInvalidValue(reply, 'libraryId', 'The query parameter {field} is required.');
      if (!isUuid(libraryId)) return sendInvalidId(reply, 'libraryId', libraryId);
      // An unknown library is answered 404 here; whether the platform answers 404 or an empty listing is not documented.
      if (!state.libraries.has(libraryId)) return sendGenesysError(reply, 404, 'not.found', `Library ${libraryId} was not found.`);
      const paging = parsePaging(request.query.pageSize, request.query.pageNumber);
      if (typeof paging === 'string') return sendInvalidValue(reply, 'pageSize', paging);
      const responses = [...state.responses.values()]
        .filter((response) => response.libraries.some((library) => library.id === libraryId))
        .sort(byName);
      const page = paginate(responses, paging);
      return { ...page, ...pageUris(RESPONSES_PATH, page, `libraryId=${libraryId}`) };
    },
  );

  const queryConfig = { config: { routeName: 'queryResponses' } } as const;
  app.post('/responsemanagement/responses/query', queryConfig, async (request, reply) => {
    const query = parseResponseQuery(request.body);
    if ('field' in query) return sendInvalidValue(reply, query.field, query.messageWithParams, query.messageParams);
    const matches = [...state.responses.values()]
      .filter((response) => matchesPhrase(response, query.queryPhrase))
      .filter((response) => query.filters.every((filter) => matchesFilter(response, filter)))
      .sort(byName);
    return { results: paginate(matches, query.paging) };
  });
};

const byName = (a: CannedResponse, b: CannedResponse) => (a.name ?? '').localeCompare(b.name ?? '');

/** ResponseFilter: "Field to filter on", operator "IN, EQUALS, NOTEQUALS" (the platform's model documentation). */
const FILTER_FIELDS = ['libraryId', 'name'] as const;
const FILTER_OPERATORS = ['IN', 'EQUALS', 'NOTEQUALS'] as const;

interface ResponseFilter {
  name: (typeof FILTER_FIELDS)[number];
  operator: (typeof FILTER_OPERATORS)[number];
  values: Set<string>;
}

interface ResponseQuery {
  queryPhrase: string;
  paging: { pageSize: number; pageNumber: number };
  filters: ResponseFilter[];
}

interface QueryProblem {
  field: string;
  messageWithParams: string;
  messageParams?: Record<string, string>;
}

/** Reads a ResponseQueryRequest, or says which field is wrong. */
function parseResponseQuery(body: unknown): ResponseQuery | QueryProblem {
  if (!isPlainObject(body)) return { field: 'body', messageWithParams: 'The body must be a ResponseQueryRequest object.' };
  const { queryPhrase = '', pageSize, pageNumber, filters = [] } = body;
  if (typeof queryPhrase !== 'string') return { field: 'queryPhrase', messageWithParams: '{field} must be a string.' };
  const paging = parsePaging(pageSize, pageNumber);
  if (typeof paging === 'string') return { field: 'pageSize', messageWithParams: paging };
  if (!Array.isArray(filters)) return { field: 'filters', messageWithParams: '{field} must be an array of ResponseFilter.' };

  const parsed: ResponseFilter[] = [];
  for (const [index, filter] of filters.entries()) {
    const field = `filters[${index}]`;
    if (!isPlainObject(filter) || !Array.isArray(filter.values) || !filter.values.every((v) => typeof v === 'string')) {
      return { field, messageWithParams: '{field} must be {name, operator, values[]} with string values.' };
    }
    const { name, operator } = filter;
    if (!(FILTER_FIELDS as readonly unknown[]).includes(name)) {
      return {
        field: `${field}.name`,
        messageWithParams: 'Value [{value}] is not valid for {field}. Allowable values are: {allowed}.',
        messageParams: { value: String(name), allowed: FILTER_FIELDS.join(', ') },
      };
    }
    if (!(FILTER_OPERATORS as readonly unknown[]).includes(operator)) {
      return {
        field: `${field}.operator`,
        messageWithParams: 'Value [{value}] is not valid for {field}. Allowable values are: {allowed}.',
        messageParams: { value: String(operator), allowed: FILTER_OPERATORS.join(', ') },
      };
    }
    parsed.push({ name, operator, values: new Set(filter.values) } as ResponseFilter);
  }
  return { queryPhrase, paging, filters: parsed };
}

/** IN and EQUALS keep a response whose field has one of the values; NOTEQUALS keeps one whose field has none. */
function matchesFilter(response: CannedResponse, filter: ResponseFilter): boolean {
  const fieldValues =
    filter.name === 'libraryId' ? response.libraries.map((library) => library.id ?? '') : [response.name ?? ''];
  const hit = fieldValues.some((value) => filter.values.has(value));
  return filter.operator === 'NOTEQUALS' ? !hit : hit;
}

/** Case-insensitive match on the name or any text, like the agent UI's response search. */
function matchesPhrase(response: CannedResponse, phrase: string): boolean {
  const needle = phrase.trim().toLowerCase();
  if (needle === '') return true;
  const haystacks = [response.name ?? '', ...(response.texts ?? []).map((text) => text.content)];
  return haystacks.some((text) => text.toLowerCase().includes(needle));
}
