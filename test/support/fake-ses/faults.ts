// Fault injection on demand. A rule says which fault, for which calls (`when` / `match`,
// default: the send actions), and how often: the next `times` matching calls, or each matching
// call with probability `probability` (optionally capped by `times`). Rules are tried in the
// order they were added; the first that fires wins.
//
// Faults, and whether the message counts as delivered:
// - status:   500 InternalFailure / 503 ServiceUnavailable (or a given code); never delivered.
// - slow:     the reply is held `ms` milliseconds (to outlast a client timeout). With
//             `delivered: true` the send is processed normally first (recorded as delivered if
//             accepted) and its reply sent late: the "timed out, but SES did send it" case.
//             With `delivered: false` nothing is recorded and, after `ms`, 500 InternalFailure.
// - reset:    the connection is destroyed without a reply. `delivered` as for slow (default
//             false): true means SES accepted the message but the answer was lost.
// - rejected: MessageRejected with SES's "not verified" message (or `message`); not delivered.
// - error:    any SES error (code, message, status, type); not delivered.

import type { SesError } from "./errors.ts";

export type Fault =
  | { kind: "status"; status?: 500 | 503; code?: string; message?: string }
  | { kind: "slow"; ms: number; delivered: boolean }
  | { kind: "reset"; delivered?: boolean }
  | { kind: "rejected"; message?: string }
  | ({ kind: "error" } & Partial<SesError> & { code: string });

/** What a fault rule can look at: the parsed call. */
export interface CallInfo {
  action: string;
  source: string | undefined;
  destinations: readonly string[];
  subject: string | undefined;
}

/** JSON-expressible filter (for the CLI's control endpoint). Addresses compare case-insensitively. */
export interface FaultMatch {
  action?: string;
  source?: string;
  recipient?: string;
  subjectIncludes?: string;
}

export interface FaultRuleOptions {
  /** Fire for the next N matching calls. Default 1 when `probability` is not given. */
  times?: number;
  /** Fire for each matching call with this probability (0..1). */
  probability?: number;
  /** Which calls the rule applies to, in code. */
  when?: (call: CallInfo) => boolean;
  /** Which calls the rule applies to, as data. */
  match?: FaultMatch;
  /** Actions the rule applies to; default SendEmail and SendRawEmail. */
  actions?: readonly string[];
}

export interface FaultRule extends FaultRuleOptions {
  id: number;
  fault: Fault;
  fired: number;
}

export const SEND_ACTIONS: readonly string[] = ["SendEmail", "SendRawEmail"];

function matches(match: FaultMatch, call: CallInfo): boolean {
  if (match.action !== undefined && match.action !== call.action) return false;
  if (match.source !== undefined && match.source.toLowerCase() !== call.source?.toLowerCase()) {
    return false;
  }
  if (match.recipient !== undefined) {
    const wanted = match.recipient.toLowerCase();
    if (!call.destinations.some((d) => d.toLowerCase() === wanted)) return false;
  }
  if (match.subjectIncludes !== undefined && !call.subject?.includes(match.subjectIncludes)) {
    return false;
  }
  return true;
}

export class FaultInjector {
  #rules: FaultRule[] = [];
  #nextId = 1;
  #random: () => number;
  /** Faults fired so far, by kind. */
  readonly fired = new Map<string, number>();

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  add(fault: Fault, options: FaultRuleOptions = {}): FaultRule {
    const times = options.times ?? (options.probability === undefined ? 1 : undefined);
    const rule: FaultRule = { ...options, times, id: this.#nextId++, fault, fired: 0 };
    this.#rules.push(rule);
    return rule;
  }

  remove(id: number): void {
    this.#rules = this.#rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.#rules = [];
  }

  get rules(): readonly FaultRule[] {
    return this.#rules;
  }

  /** The fault to apply to this call, if any; spends one of the rule's `times`. */
  pick(call: CallInfo): Fault | undefined {
    if (this.#rules.length === 0) return undefined;
    for (const rule of this.#rules) {
      if (!(rule.actions ?? SEND_ACTIONS).includes(call.action)) continue;
      if (rule.match !== undefined && !matches(rule.match, call)) continue;
      if (rule.when !== undefined && !rule.when(call)) continue;
      if (rule.probability !== undefined && this.#random() >= rule.probability) continue;
      rule.fired++;
      if (rule.times !== undefined && rule.fired >= rule.times) this.remove(rule.id);
      this.fired.set(rule.fault.kind, (this.fired.get(rule.fault.kind) ?? 0) + 1);
      return rule.fault;
    }
    return undefined;
  }
}
