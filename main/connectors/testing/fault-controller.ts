import { seededRandom } from './seeded-random';

/**
 * The faults a test fake can inject into one HTTP exchange.
 * - `too-many-requests`: answered 429 with `Retry-After`, in the provider's own error shape.
 * - `unavailable`: answered 503 with `Retry-After`.
 * - `reset`: the connection is destroyed; a request with a body is cut after half of it arrived.
 * - `cut-body`: the answer declares its full `Content-Length`, sends half, then the connection
 *   closes; an answer without a body is dropped after the request was carried out.
 */
export type FaultKind = 'too-many-requests' | 'unavailable' | 'reset' | 'cut-body';

/** What the request log says happened to one exchange: a fault, the rate limit, or nothing. */
export type LoggedFault = FaultKind | 'rate-limit' | null;

/** "The next `count` requests (matching `method` and `path` when given) get `kind`." */
export interface FaultRule {
  readonly kind: FaultKind;
  readonly count: number;
  /** Upper-case HTTP method, e.g. `PUT`. */
  readonly method?: string;
  /** A string matches as a substring of the path; a RegExp is tested against the path. */
  readonly path?: string | RegExp;
}

export interface FaultOptions {
  /** Seed of the fault and jitter sequences; the same seed and request order give the same faults. */
  readonly seed?: number;
  /** Chance (0..1) that a request gets each fault; the sum must not exceed 1. */
  readonly probabilities?: Partial<Record<FaultKind, number>>;
  /** Fixed delay before every answer. */
  readonly latencyMs?: number;
  /** Extra delay drawn uniformly from [0, jitterMs). */
  readonly jitterMs?: number;
  /** Requests beyond this many in one second are answered 429 (`rate-limit` in the log). */
  readonly maxRequestsPerSecond?: number;
  /** The `Retry-After` value (seconds) sent with 429 and 503. Default 1. */
  readonly retryAfterSeconds?: number;
  /** The request log keeps this many newest entries. Default 10 000. */
  readonly maxLogEntries?: number;
}

/** One line of the request log. */
export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order. */
  readonly seq: number;
  readonly method: string;
  /** The URL path without the query string. */
  readonly path: string;
  /** A provider-level name for the call (e.g. `files/list_folder`); the path when none is given. */
  readonly route: string;
  /** The status sent, or 0 when the connection was destroyed before an answer. */
  readonly status: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly fault: LoggedFault;
}

/** Totals kept for every request, even those that fell out of the bounded log. */
export interface RequestCounters {
  readonly requests: number;
  readonly byMethod: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byFault: Readonly<Record<string, number>>;
  readonly byRoute: Readonly<Record<string, number>>;
}

/** The decision taken for one request before it is handled. */
export interface FaultDecision {
  readonly seq: number;
  readonly fault: LoggedFault;
  readonly delayMs: number;
}

const FAULT_ORDER: readonly FaultKind[] = ['too-many-requests', 'unavailable', 'reset', 'cut-body'];

/**
 * Decides, deterministically from a seed, which requests of a fake get which fault, and keeps the
 * request log and counters. Queued rules come first, then the per-second limit, then one uniform
 * draw against the cumulative probabilities. Jitter is drawn from a second sequence so that
 * changing the latency never changes which requests fail.
 */
export class FaultController {
  private probabilities: Partial<Record<FaultKind, number>> = {};
  private latencyMs = 0;
  private jitterMs = 0;
  private maxRequestsPerSecond: number | undefined;
  private retryAfter = 1;
  private readonly maxLogEntries: number;
  private readonly faultRandom: () => number;
  private readonly jitterRandom: () => number;
  private readonly rules: { rule: FaultRule; remaining: number }[] = [];
  private readonly log: RequestLogEntry[] = [];
  private readonly windowStarts: number[] = [];
  private seq = 0;
  private readonly totals = {
    requests: 0,
    byMethod: {} as Record<string, number>,
    byStatus: {} as Record<string, number>,
    byFault: {} as Record<string, number>,
    byRoute: {} as Record<string, number>,
  };

  constructor(options: FaultOptions = {}) {
    const seed = options.seed ?? 1;
    this.faultRandom = seededRandom(seed);
    this.jitterRandom = seededRandom(seed ^ 0x9e3779b9);
    this.maxLogEntries = options.maxLogEntries ?? 10_000;
    this.configure(options);
  }

  /** Changes probabilities, latency, jitter, the per-second limit or `Retry-After` from now on. */
  configure(options: Omit<FaultOptions, 'seed' | 'maxLogEntries'>): void {
    if (options.probabilities) {
      const sum = Object.values(options.probabilities).reduce((a, b) => a + (b ?? 0), 0);
      if (sum > 1) throw new Error(`Fault probabilities add up to ${sum}; they must not exceed 1.`);
      this.probabilities = { ...options.probabilities };
    }
    if (options.latencyMs !== undefined) this.latencyMs = options.latencyMs;
    if (options.jitterMs !== undefined) this.jitterMs = options.jitterMs;
    if ('maxRequestsPerSecond' in options) this.maxRequestsPerSecond = options.maxRequestsPerSecond;
    if (options.retryAfterSeconds !== undefined) this.retryAfter = options.retryAfterSeconds;
  }

  /** Queues a rule: the next `count` matching requests get `kind`, before any random fault. */
  inject(rule: FaultRule): void {
    if (rule.count > 0) this.rules.push({ rule, remaining: rule.count });
  }

  /** Drops queued rules and random faults; latency and the rate limit stay. */
  clearFaults(): void {
    this.rules.length = 0;
    this.probabilities = {};
  }

  get retryAfterSeconds(): number {
    return this.retryAfter;
  }

  /** Takes the decision for a request that just arrived. */
  decide(method: string, path: string): FaultDecision {
    this.seq += 1;
    const delayMs = this.latencyMs + Math.floor(this.jitterRandom() * this.jitterMs);
    return { seq: this.seq, fault: this.pickFault(method, path), delayMs };
  }

  /** Records what was answered. */
  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > this.maxLogEntries) this.log.shift();
    const t = this.totals;
    t.requests += 1;
    t.byMethod[entry.method] = (t.byMethod[entry.method] ?? 0) + 1;
    t.byStatus[String(entry.status)] = (t.byStatus[String(entry.status)] ?? 0) + 1;
    t.byRoute[entry.route] = (t.byRoute[entry.route] ?? 0) + 1;
    if (entry.fault) t.byFault[entry.fault] = (t.byFault[entry.fault] ?? 0) + 1;
  }

  /** The newest log entries, oldest first. */
  requests(): readonly RequestLogEntry[] {
    return [...this.log];
  }

  counters(): RequestCounters {
    const t = this.totals;
    return {
      requests: t.requests,
      byMethod: { ...t.byMethod },
      byStatus: { ...t.byStatus },
      byFault: { ...t.byFault },
      byRoute: { ...t.byRoute },
    };
  }

  private pickFault(method: string, path: string): LoggedFault {
    const index = this.rules.findIndex(({ rule }) => matches(rule, method, path));
    if (index >= 0) {
      const queued = this.rules[index];
      queued.remaining -= 1;
      if (queued.remaining === 0) this.rules.splice(index, 1);
      return queued.rule.kind;
    }
    if (this.overRateLimit()) return 'rate-limit';
    const draw = this.faultRandom();
    let threshold = 0;
    for (const kind of FAULT_ORDER) {
      threshold += this.probabilities[kind] ?? 0;
      if (draw < threshold) return kind;
    }
    return null;
  }

  private overRateLimit(): boolean {
    const limit = this.maxRequestsPerSecond;
    if (limit === undefined) return false;
    const now = Date.now();
    while (this.windowStarts.length > 0 && now - this.windowStarts[0] >= 1000) this.windowStarts.shift();
    if (this.windowStarts.length >= limit) return true;
    this.windowStarts.push(now);
    return false;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}
