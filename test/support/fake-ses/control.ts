// The control endpoints, so a test in another process can read what the fake received and turn
// its knobs. JSON in, JSON out, under /_fake/:
//   GET    /_fake/received[?since=SEQ][&outcome=delivered][&raw=1]   records (raw MIME only with raw=1)
//   GET    /_fake/deliveries[?since=SEQ][&raw=1]                     delivered records
//   GET    /_fake/stats                 counters, sentLast24Hours, busiestWindowMs1000, duplicates
//   GET    /_fake/config                the knobs (a latency function shows as "function")
//   POST   /_fake/config                JSON patch of knobs (see FakeSesConfigPatch)
//   GET    /_fake/faults                active fault rules
//   POST   /_fake/faults                {"fault": {...}, "times"?, "probability"?, "match"?, "actions"?}
//   DELETE /_fake/faults                remove every fault rule
//   POST   /_fake/clock                 {"advanceMs": N} moves the fake clock forward
//   POST   /_fake/identities            {"identity": "a@b", "status"?: "Success"} adds/updates one
//   POST   /_fake/reset                 forget records and counters (knobs stay)

import type { SesAccount } from "./account.ts";
import type { FakeSesConfigPatch } from "./config.ts";
import type { Fault, FaultRuleOptions } from "./faults.ts";
import type { VerificationStatus } from "./identities.ts";
import { busiestWindow, duplicates, type ReceivedRecord } from "./records.ts";

export interface ControlReply {
  status: number;
  json: unknown;
}

function select(records: readonly ReceivedRecord[], query: URLSearchParams): unknown[] {
  const since = Number(query.get("since") ?? "0") || 0;
  const outcome = query.get("outcome");
  const withRaw = query.get("raw") === "1";
  // Records are in seq order: skip straight to `since`.
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((records[mid]?.seq ?? 0) <= since) lo = mid + 1;
    else hi = mid;
  }
  const out: unknown[] = [];
  for (let i = lo; i < records.length; i++) {
    const r = records[i];
    if (r === undefined || (outcome !== null && r.outcome !== outcome)) continue;
    out.push(withRaw ? r : { ...r, raw: undefined });
  }
  return out;
}

function publicConfig(account: SesAccount): unknown {
  const { latency, ...rest } = account.config;
  return { ...rest, latency: typeof latency === "function" ? "function" : latency };
}

export function handleControl(
  account: SesAccount,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
): ControlReply {
  const input = (): Record<string, unknown> =>
    body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /_fake/received":
      return { status: 200, json: select(account.received, query) };
    case "GET /_fake/deliveries":
      return { status: 200, json: select(account.delivered, query) };
    case "GET /_fake/stats":
      return {
        status: 200,
        json: {
          ...account.stats(),
          busiestWindowMs1000: busiestWindow(account.delivered, 1000),
          duplicates: Object.fromEntries(duplicates(account.delivered)),
        },
      };
    case "GET /_fake/config":
      return { status: 200, json: publicConfig(account) };
    case "POST /_fake/config":
      account.configure(input() as FakeSesConfigPatch);
      return { status: 200, json: publicConfig(account) };
    case "GET /_fake/faults":
      return { status: 200, json: account.faults.rules };
    case "POST /_fake/faults": {
      const { fault, ...options } = input() as unknown as { fault: Fault } & FaultRuleOptions;
      if (typeof fault !== "object" || fault === null || typeof fault.kind !== "string") {
        return {
          status: 400,
          json: { error: "body must be {fault: {kind, ...}, times?, probability?, match?}" },
        };
      }
      const rule = account.faults.add(fault, options);
      return { status: 200, json: { id: rule.id } };
    }
    case "DELETE /_fake/faults":
      account.faults.clear();
      return { status: 200, json: {} };
    case "POST /_fake/clock": {
      const advanceMs = Number(input().advanceMs ?? 0);
      account.advance(advanceMs);
      return { status: 200, json: { now: account.now() } };
    }
    case "POST /_fake/identities": {
      const { identity, status } = input() as { identity?: string; status?: VerificationStatus };
      if (typeof identity !== "string")
        return { status: 400, json: { error: "identity required" } };
      account.identities.set(identity, status ?? "Success");
      return { status: 200, json: account.identities.list() };
    }
    case "POST /_fake/reset":
      account.reset();
      return { status: 200, json: {} };
    default:
      return { status: 404, json: { error: `no control route ${route}` } };
  }
}
