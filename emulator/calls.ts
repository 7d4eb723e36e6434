import { ROUTE_NAMES, type RouteName } from './model';

export interface CallRecord {
  route: RouteName;
  method: string;
  /** URL path without the query string. */
  path: string;
  /** HTTP status answered; null while pending, or when the request was hung or dropped by a fault. */
  status: number | null;
  /** When the request arrived, ISO 8601. */
  at: string;
  /** The answer's `inin-correlation-id`, an error's `contextId`: a test can match it with what a client reported. */
  contextId?: string;
}

/** Every request to an emulated endpoint, so tests can assert how often the product called Genesys. */
export class CallLog {
  private records: CallRecord[] = [];

  /** Returns the record so the status can be filled in once answered. */
  record(route: RouteName, method: string, path: string): CallRecord {
    const record: CallRecord = { route, method, path, status: null, at: new Date().toISOString() };
    this.records.push(record);
    return record;
  }

  count(route: RouteName): number {
    return this.records.filter((r) => r.route === route).length;
  }

  /** Calls per route name, every route present (0 when never called). */
  counts(): Record<RouteName, number> {
    const counts = Object.fromEntries(ROUTE_NAMES.map((name) => [name, 0])) as Record<RouteName, number>;
    for (const record of this.records) counts[record.route] += 1;
    return counts;
  }

  /** Oldest first; a copy. */
  list(): CallRecord[] {
    return [...this.records];
  }

  reset(): void {
    this.records = [];
  }
}
