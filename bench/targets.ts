// Starting what the scenarios measure: AsyncSES as `node src/main.ts` configured by its
// environment, the bare Connect server, the fake SES, and the load generator.

import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { type FakeSesProcess, startFakeSesProcess } from "../test/support/fake-ses/index.ts";
import { sesEnv } from "../test/support/ses-env.ts";
import { runJson, type Service, startService } from "./children.ts";
import type { Context } from "./context.ts";
import type { LoadResult, LoadSpec } from "./load-spec.ts";

/** The store engines a scenario can ask for. */
export type StoreName = "memory" | "sqlite" | "postgres";

/** How to configure one AsyncSES process. */
export interface AsyncSesOptions {
  readonly store: StoreName;
  /** The fake SES to deliver to. */
  readonly ses: FakeSesProcess;
  readonly workers: number;
  /** ASYNCSES_SES_TIMEOUT, e.g. "30s". */
  readonly sesTimeout?: string;
  /** ASYNCSES_MAX_SEND_RATE, when the checkout has it. */
  readonly maxSendRate?: number;
  readonly outboxMaxSize?: number;
  /** The SQLite store's folder; a new one under ctx.tmp when not given. */
  readonly dataDir?: string;
  /** The PostgreSQL store's database (ASYNCSES_DATABASE_URL). */
  readonly databaseUrl?: string;
}

/** A running AsyncSES, with the folder its SQLite store uses. */
export interface AsyncSes extends Service {
  readonly dataDir: string;
}

/** Starts `node src/main.ts` with the options as ASYNCSES_* variables, logging at info. */
export async function startAsyncSes(
  ctx: Context,
  name: string,
  opts: AsyncSesOptions,
): Promise<AsyncSes> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(ctx.tmp, `${name}-`));
  const env: Record<string, string> = {
    ...sesEnv(opts.ses.url),
    ASYNCSES_HOST: "127.0.0.1",
    ASYNCSES_PORT: "0",
    ASYNCSES_STORE: opts.store,
    ASYNCSES_DATA_DIR: dataDir,
    ASYNCSES_MAIL_DIR: join(dataDir, "mail"),
    ASYNCSES_WORKERS: String(opts.workers),
    ASYNCSES_SES_TIMEOUT: opts.sesTimeout ?? "30s",
    // Nothing measured depends on a graceful stop; a short one keeps the run short.
    ASYNCSES_SHUTDOWN_TIMEOUT: "300ms",
    ASYNCSES_OUTBOX_MAXSIZE: String(opts.outboxMaxSize ?? 1_000_000),
    ASYNCSES_LOG_LEVEL: "info",
  };
  if (opts.maxSendRate !== undefined) env.ASYNCSES_MAX_SEND_RATE = String(opts.maxSendRate);
  if (opts.databaseUrl !== undefined) env.ASYNCSES_DATABASE_URL = opts.databaseUrl;
  const profile =
    ctx.profileDir === undefined
      ? []
      : ["--cpu-prof", "--cpu-prof-dir", join(ctx.profileDir, name)];
  const service = await startService(name, "src/main.ts", [], env, [
    ...ctx.serverNodeFlags,
    ...profile,
  ]);
  return { ...service, dataDir };
}

/** Starts the bare Connect server (bench/bare-server.ts). */
export function startBareServer(): Promise<Service> {
  return startService("bare server", "bench/bare-server.ts", [], {});
}

/**
 * Starts a fake SES answering after `latencyMs`, enforcing no rate, and reporting a
 * MaxSendRate far above anything measured, so a limiter that reads GetSendQuota never caps
 * delivery below what is measured.
 */
export function startFake(
  latencyMs: number,
  extra: readonly string[] = [],
): Promise<FakeSesProcess> {
  return startFakeSesProcess([
    "--latency",
    String(latencyMs),
    "--max-send-rate",
    "1000000",
    "--max-24h",
    "1000000000",
    "--no-raw",
    ...extra,
  ]);
}

/**
 * A fake SES that answers a send only after an hour: with one worker whose SES calls time out
 * after 2 s (and are retried later), AsyncSES delivers nothing while ingest is measured, so
 * the figure is the cost of accepting alone. The short timeout lets the server stop at once.
 */
export function startParkedFake(): Promise<FakeSesProcess> {
  return startFake(3_600_000);
}

/** Options of a server whose delivery is parked (see startParkedFake). */
export function parked(
  store: StoreName,
  ses: FakeSesProcess,
  outboxMaxSize?: number,
  databaseUrl?: string,
): AsyncSesOptions {
  return { store, ses, workers: 1, sesTimeout: "2s", outboxMaxSize, databaseUrl };
}

/** Runs one job of the load generator in its own process. */
export function runLoad(spec: LoadSpec, timeoutMs: number): Promise<LoadResult> {
  return runJson<LoadResult>("bench/load.ts", spec, timeoutMs);
}
