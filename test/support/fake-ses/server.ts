// The HTTP server: SES calls on POST / (form-encoded query protocol), control routes under
// /_fake/, and the in-process API (`createFakeSes`).

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeSesStats, SesAccount } from "./account.ts";
import { handleCall, type Reply } from "./actions.ts";
import type { FakeSesConfig, FakeSesConfigPatch } from "./config.ts";
import { handleControl } from "./control.ts";
import type { Fault, FaultRule, FaultRuleOptions } from "./faults.ts";
import type { Identity, VerificationStatus } from "./identities.ts";
import { parseQuery } from "./query.ts";
import {
  busiestWindow,
  countsBy,
  duplicates,
  type ReceivedRecord,
  type RecordKey,
} from "./records.ts";

/** Requests larger than this are cut off (SES's own limit for a raw message is 10 MB, as base64 more). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface FakeSesOptions extends FakeSesConfigPatch {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** The clock the fake reads (ms); `advanceClock` adds to it. Default Date.now. */
  now?: () => number;
  /** Randomness for fault probabilities and latency ranges. Default Math.random. */
  random?: () => number;
  /** Identities verified from the start (addresses or domains). */
  identities?: string[];
}

export interface FakeSes {
  /** http://127.0.0.1:PORT — give it to SESClient as `endpoint`. */
  readonly url: string;
  readonly port: number;
  /** Every send call (SendEmail / SendRawEmail), whatever its outcome, in arrival order. */
  readonly received: readonly ReceivedRecord[];
  /** Throttling answers so far (rate and daily quota). */
  readonly throttles: number;
  readonly config: Readonly<FakeSesConfig>;
  configure(patch: FakeSesConfigPatch): void;
  pause(): void;
  resume(): void;
  /** Adds a fault rule (default: the next send only). */
  inject(fault: Fault, options?: FaultRuleOptions): FaultRule & { remove(): void };
  clearFaults(): void;
  /** The fake clock, ms. */
  now(): number;
  /** Moves the fake clock forward (e.g. 24 h to free the daily quota window). */
  advanceClock(ms: number): void;
  /** Adds or updates an identity (default status Success). */
  verify(identity: string, status?: VerificationStatus): void;
  identities(): Identity[];
  /** Accepted sends, in order. */
  deliveries(): readonly ReceivedRecord[];
  /** Deliveries counted per key (default: Message-ID header, else subject). */
  countsBy(key?: RecordKey): Map<string, number>;
  /** Keys delivered more than once, with their counts. */
  duplicates(key?: RecordKey): Map<string, number>;
  /** The most recipients accepted in any sliding window of `ms` (default 1000). */
  busiestWindow(ms?: number): number;
  /** SentLast24Hours as GetSendQuota reports it. */
  sentLast24Hours(): number;
  stats(): FakeSesStats;
  /** Forgets records and counters; knobs, identities and fault rules stay. */
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.socket.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () =>
    done(
      chunks.length === 1 ? chunks[0]?.toString("utf8") : Buffer.concat(chunks).toString("utf8"),
    ),
  );
  req.on("error", () => done(undefined));
}

export async function createFakeSes(options: FakeSesOptions = {}): Promise<FakeSes> {
  const { host = "127.0.0.1", port = 0, now, random, identities = [], ...patch } = options;
  const account = new SesAccount(patch, now, random);
  for (const identity of identities) account.identities.set(identity);
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, reply: Reply, requestId: string) => {
    if (reply.reset) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(reply.status, {
      "content-type": "text/xml",
      "content-length": Buffer.byteLength(reply.body),
      "x-amzn-requestid": requestId,
    });
    res.end(reply.body);
  };

  const server = createServer((req, res) => {
    readBody(req, (body) => {
      if (body === undefined || res.destroyed) return;
      const q = req.url?.indexOf("?") ?? -1;
      const path = q === -1 ? (req.url ?? "/") : (req.url ?? "/").slice(0, q);
      const search = q === -1 ? "" : (req.url ?? "").slice(q + 1);
      if (path.startsWith("/_fake/")) {
        let reply: { status: number; json: unknown };
        try {
          reply = handleControl(
            account,
            req.method ?? "GET",
            path,
            new URLSearchParams(search),
            body,
          );
        } catch (err) {
          reply = { status: 400, json: { error: String(err) } };
        }
        const text = JSON.stringify(reply.json);
        res.writeHead(reply.status, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        });
        res.end(text);
        return;
      }
      const params = parseQuery(req.method === "GET" ? search : body);
      const requestId = randomUUID();
      const reply = handleCall(account, params, requestId);
      if (reply.delayMs <= 0) {
        send(res, reply, requestId);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, reply, requestId);
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    get received() {
      return account.received;
    },
    get throttles() {
      return account.throttles;
    },
    get config() {
      return account.config;
    },
    configure: (p) => account.configure(p),
    pause: () => account.configure({ paused: true }),
    resume: () => account.configure({ paused: false }),
    inject(fault, opts) {
      const rule = account.faults.add(fault, opts);
      return Object.assign(rule, { remove: () => account.faults.remove(rule.id) });
    },
    clearFaults: () => account.faults.clear(),
    now: () => account.now(),
    advanceClock: (ms) => account.advance(ms),
    verify: (identity, status = "Success") => {
      account.identities.set(identity, status);
    },
    identities: () => account.identities.list(),
    deliveries: () => account.delivered,
    countsBy: (key) => countsBy(account.delivered, key),
    duplicates: (key) => duplicates(account.delivered, key),
    busiestWindow: (ms = 1000) => busiestWindow(account.delivered, ms),
    sentLast24Hours: () => account.sentLast24Hours(),
    stats: () => account.stats(),
    reset: () => account.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
