export interface Paging {
  pageSize: number;
  pageNumber: number;
}

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 500;

/** Reads paging from query-string or JSON values; returns a message when they are invalid. */
export function parsePaging(pageSize: unknown, pageNumber: unknown): Paging | string {
  const size = toInteger(pageSize, DEFAULT_PAGE_SIZE);
  const number = toInteger(pageNumber, 1);
  if (size === undefined || size < 1 || size > MAX_PAGE_SIZE) {
    return `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}.`;
  }
  if (number === undefined || number < 1) return 'pageNumber must be an integer of at least 1.';
  return { pageSize: size, pageNumber: number };
}

function toInteger(value: unknown, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

export interface Page<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
}

export function paginate<T>(items: T[], { pageSize, pageNumber }: Paging): Page<T> {
  const start = (pageNumber - 1) * pageSize;
  return {
    entities: items.slice(start, start + pageSize),
    pageSize,
    pageNumber,
    total: items.length,
    pageCount: Math.ceil(items.length / pageSize),
  };
}

/** The navigation URIs Genesys adds to GET listings; `query` (e.g. `libraryId=…`) is kept in each of them. */
export function pageUris(path: string, page: Page<unknown>, query = '') {
  const uri = (pageNumber: number) => `${path}?${query ? `${query}&` : ''}pageSize=${page.pageSize}&pageNumber=${pageNumber}`;
  const last = Math.max(page.pageCount, 1);
  return {
    firstUri: uri(1),
    selfUri: uri(page.pageNumber),
    lastUri: uri(last),
    ...(page.pageNumber < last ? { nextUri: uri(page.pageNumber + 1) } : {}),
    ...(page.pageNumber > 1 ? { previousUri: uri(page.pageNumber - 1) } : {}),
  };
}
