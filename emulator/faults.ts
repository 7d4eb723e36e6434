import { isRouteName, type RouteName } from './model';
import type { TokenStore } from './tokens';

/** One injected failure, consumed by one request. */
export type Fault =
  /** Answer this status with the protocol's error body; `retryAfter` becomes the `Retry-After` header. */
  | { kind: 'status'; status: number; retryAfter?: number | string }
  /** Never answer: the request stays open until the client gives up or the emulator closes. */
  | { kind: 'hang' }
  /** 200 with `content-type: application/json` and a body that is not valid JSON. */
  | { kind: 'malformed' }
  /** Destroy the socket without answering. */
  | { kind: 'drop' }
  /** Process the request (a send is recorded and shows on the conversation), then destroy the socket: the answer is lost. */
  | { kind: 'processed-then-drop' }
  /** Process the request, then never answer: the client waits until it gives up or the emulator closes. */
  | { kind: 'processed-then-hang' }
  /**
   * Answer `status` with exactly `body` instead of running the endpoint. `$AUTHORIZATION` in the body becomes the
   * request's Authorization header, as a server that echoes request headers into its errors would write it.
   */
  | { kind: 'answer'; status: number; body: string; contentType?: string }
  /**
   * Process the request (a send is recorded), then edit its JSON answer, status kept: `omit` drops top-level fields,
   * `set` overwrites them, `truncateTo` cuts the body text to that many characters. An answer mangled after Genesys
   * did the work.
   */
  | { kind: 'rewrite'; omit?: string[]; set?: Record<string, unknown>; truncateTo?: number };

/** Written into an `answer` fault's body where the request's Authorization header should be echoed. */
export const AUTHORIZATION_ECHO = '$AUTHORIZATION';

/** Faults applied after the endpoint has done its work, to the answer only. */
export type AnswerFault = Extract<Fault, { kind: 'processed-then-drop' | 'processed-then-hang' | 'rewrite' }>;

export function isAnswerFault(fault: Fault): fault is AnswerFault {
  return fault.kind === 'processed-then-drop' || fault.kind === 'processed-then-hang' || fault.kind === 'rewrite';
}

const FAULT_KINDS = ['status', 'hang', 'malformed', 'drop', 'processed-then-drop', 'processed-then-hang', 'answer', 'rewrite'] as const;

export type LatencyTarget = RouteName | '*';

/** Scripted misbehaviour, so tests can drive the product's retry, timeout and re-authentication paths. */
export class FaultController {
  private readonly queues = new Map<RouteName, Fault[]>();
  private readonly latencies = new Map<LatencyTarget, number>();

  constructor(private readonly tokens: TokenStore) {}

  /** Adds `ms` to every request of `route` ('*' = every route) until cleared; a route's own setting wins over '*'. */
  latency(route: LatencyTarget, ms: number): void {
    const target = parseLatencyTarget(route);
    if (!Number.isFinite(ms) || ms < 0) throw new FaultSpecError(`latency must be a number of ms >= 0, got ${ms}`);
    if (ms === 0) this.latencies.delete(target);
    else this.latencies.set(target, ms);
  }

  /** Queues `fault` for the next `count` requests of `route`, after faults already queued (FIFO). */
  inject(route: RouteName, fault: Fault, count = 1): void {
    if (!isRouteName(route)) throw new FaultSpecError(`unknown route ${JSON.stringify(route)}`);
    if (!Number.isInteger(count) || count < 1) throw new FaultSpecError(`count must be an integer >= 1, got ${count}`);
    const checked = parseFault(fault);
    const queue = this.queues.get(route) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(checked);
    this.queues.set(route, queue);
  }

  /** Every token issued so far becomes invalid: the next API call answers 401 `bad.credentials`. */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  /** Removes all queued faults and latencies. */
  clear(): void {
    this.queues.clear();
    this.latencies.clear();
  }

  latencyFor(route: RouteName): number {
    return this.latencies.get(route) ?? this.latencies.get('*') ?? 0;
  }

  /** Consumes the next queued fault for `route`, if any. */
  takeFault(route: RouteName): Fault | undefined {
    return this.queues.get(route)?.shift();
  }
}

/** A fault or latency specification that cannot be applied; its message says why. */
export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

export function parseLatencyTarget(value: unknown): LatencyTarget {
  if (value === '*' || isRouteName(value)) return value;
  throw new FaultSpecError(`unknown route ${JSON.stringify(value)} (expected '*' or a route name)`);
}

/** Validates a fault coming from JSON (admin API) or untyped callers. */
export function parseFault(value: unknown): Fault {
  const fault = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  switch (fault.kind) {
    case 'hang':
    case 'malformed':
    case 'drop':
    case 'processed-then-drop':
    case 'processed-then-hang':
      return { kind: fault.kind };
    case 'status':
      return parseStatusFault(fault);
    case 'answer':
      return parseAnswerFault(fault);
    case 'rewrite':
      return parseRewriteFault(fault);
    default:
      throw new FaultSpecError(
        `fault.kind must be one of ${FAULT_KINDS.map((kind) => `'${kind}'`).join(', ')}, got ${JSON.stringify(fault.kind)}`,
      );
  }
}

function parseStatusFault(fault: Record<string, unknown>): Fault {
  const { status, retryAfter } = fault;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    throw new FaultSpecError(`fault.status must be an HTTP error status (400-599), got ${JSON.stringify(status)}`);
  }
  if (retryAfter === undefined) return { kind: 'status', status };
  if (typeof retryAfter !== 'number' && typeof retryAfter !== 'string') {
    throw new FaultSpecError('fault.retryAfter must be a number of seconds or an HTTP date string');
  }
  return { kind: 'status', status, retryAfter };
}

function parseAnswerFault(fault: Record<string, unknown>): Fault {
  const { status, body, contentType } = fault;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new FaultSpecError(`fault.status must be an HTTP status (200-599), got ${JSON.stringify(status)}`);
  }
  if (typeof body !== 'string') throw new FaultSpecError('fault.body must be a string');
  if (contentType !== undefined && typeof contentType !== 'string') throw new FaultSpecError('fault.contentType must be a string');
  return { kind: 'answer', status, body, ...(contentType === undefined ? {} : { contentType }) };
}

function parseRewriteFault(fault: Record<string, unknown>): Fault {
  const { omit, set, truncateTo } = fault;
  if (omit !== undefined && !(Array.isArray(omit) && omit.every((field) => typeof field === 'string'))) {
    throw new FaultSpecError('fault.omit must be an array of field names');
  }
  if (set !== undefined && (typeof set !== 'object' || set === null || Array.isArray(set))) {
    throw new FaultSpecError('fault.set must be an object');
  }
  if (truncateTo !== undefined && !(Number.isInteger(truncateTo) && (truncateTo as number) >= 0)) {
    throw new FaultSpecError('fault.truncateTo must be a whole number of characters');
  }
  return {
    kind: 'rewrite',
    ...(omit === undefined ? {} : { omit: omit as string[] }),
    ...(set === undefined ? {} : { set: set as Record<string, unknown> }),
    ...(truncateTo === undefined ? {} : { truncateTo: truncateTo as number }),
  };
}

/** The endpoint's answer text after a `rewrite` fault's edits. */
export function rewriteAnswer(fault: Extract<Fault, { kind: 'rewrite' }>, payload: string): string {
  let text = payload;
  if (fault.omit || fault.set) {
    const answer = JSON.parse(payload) as Record<string, unknown>;
    for (const field of fault.omit ?? []) delete answer[field];
    text = JSON.stringify({ ...answer, ...fault.set });
  }
  return fault.truncateTo === undefined ? text : text.slice(0, fault.truncateTo);
}
