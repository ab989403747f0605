// Runs the fake SES CLI as a child process and talks to its control endpoints: for tests where
// the fake must outlive (or live apart from) the process under test.

import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { FakeSesStats } from "./account.ts";
import type { FakeSesConfigPatch } from "./config.ts";
import type { Fault, FaultRuleOptions } from "./faults.ts";
import type { ReceivedRecord } from "./records.ts";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

export interface FakeSesProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  received(query?: { since?: number; outcome?: string; raw?: boolean }): Promise<ReceivedRecord[]>;
  deliveries(query?: { since?: number; raw?: boolean }): Promise<ReceivedRecord[]>;
  stats(): Promise<
    FakeSesStats & { busiestWindowMs1000: number; duplicates: Record<string, number> }
  >;
  configure(
    patch: Omit<FakeSesConfigPatch, "latency"> & {
      latency?: number | { min: number; max: number };
    },
  ): Promise<void>;
  inject(fault: Fault, options?: Omit<FaultRuleOptions, "when">): Promise<number>;
  clearFaults(): Promise<void>;
  advanceClock(ms: number): Promise<number>;
  reset(): Promise<void>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

/** Starts `node main.ts ...args` with the current Node; resolves once it prints its URL. */
export async function startFakeSesProcess(args: string[] = []): Promise<FakeSesProcess> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const stdout = child.stdout;
  if (stdout === null) throw new Error("no stdout");
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code) =>
      reject(new Error(`fake SES exited with ${code} before listening`)),
    );
    child.once("error", reject);
  });
  const { url, pid } = JSON.parse(first) as { url: string; pid: number };

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const qs = (q: Record<string, string | number | boolean | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) {
      if (v === undefined || v === false) continue;
      p.set(k, v === true ? "1" : String(v));
    }
    const s = p.toString();
    return s === "" ? "" : `?${s}`;
  };

  return {
    url,
    pid,
    child,
    received: (q = {}) => call("GET", `/_fake/received${qs(q)}`),
    deliveries: (q = {}) => call("GET", `/_fake/deliveries${qs(q)}`),
    stats: () => call("GET", "/_fake/stats"),
    configure: async (patch) => {
      await call("POST", "/_fake/config", patch);
    },
    inject: async (fault, options = {}) =>
      (await call<{ id: number }>("POST", "/_fake/faults", { fault, ...options })).id,
    clearFaults: async () => {
      await call("DELETE", "/_fake/faults");
    },
    advanceClock: async (ms) =>
      (await call<{ now: number }>("POST", "/_fake/clock", { advanceMs: ms })).now,
    reset: async () => {
      await call("POST", "/_fake/reset");
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
