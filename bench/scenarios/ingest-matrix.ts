// Ingest throughput of several servers under the same load, measured in interleaved rounds:
// round 1 runs every mode against every server, then round 2 again, and so on; each figure is
// the median of its rounds. On a machine shared with other work, a burst of someone else's
// load then hits every server alike instead of one of them.
//
// AsyncSES runs with its delivery parked (one worker whose SES calls never succeed), so what
// is measured is accepting: RPC, validation, group commit to the store.

import type { FakeSesProcess } from "../../test/support/fake-ses/index.ts";
import type { Service } from "../children.ts";
import { type Context, pick } from "../context.ts";
import type { LoadResult, LoadSpec } from "../load-spec.ts";
import { watchCpu } from "../proc.ts";
import { median } from "../stats.ts";
import {
  parked,
  runLoad,
  type StoreName,
  startAsyncSes,
  startBareServer,
  startParkedFake,
} from "../targets.ts";

/** What ingest is measured against: the bare server, or AsyncSES with a store. */
export type IngestTarget = "bare" | StoreName;

/** The load shapes. */
export const INGEST_MODES = ["grpc", "connect-json", "batch"] as const;
/** One load shape. */
export type IngestMode = (typeof INGEST_MODES)[number];

/** Concurrent unary callers, and concurrent SendBatch streams. */
export const UNARY_CONCURRENCY = 32;
export const BATCH_STREAMS = 2;

/** The medians of one server under one load shape. */
export interface IngestFigure {
  /** Messages accepted per second (median of the rounds). */
  readonly perSecond: number | undefined;
  /** Server CPU, as a fraction of one core (median). */
  readonly serverCpu: number | undefined;
  /** Server CPU microseconds per accepted message (median; CPU of the whole job, warm-up included, over the measured rate). */
  readonly serverCpuUsPerMessage: number | undefined;
  /** Load generator CPU, as a fraction of one core (median). */
  readonly loadCpu: number | undefined;
  readonly p50Ms: number | undefined;
  readonly errors: number;
  readonly firstError: string | undefined;
  /** Every round's messages per second. */
  readonly rounds: readonly number[];
}

/** Figures by target, then by mode. */
export type IngestMatrix = Partial<Record<IngestTarget, Record<IngestMode, IngestFigure>>>;

function specFor(ctx: Context, mode: IngestMode, url: string): LoadSpec {
  const warmupMs = pick(ctx, 700, 150);
  const durationMs = pick(ctx, 2500, 400);
  if (mode === "batch") {
    return { kind: "batch", url, streams: BATCH_STREAMS, warmupMs, durationMs, mail: ctx.mail };
  }
  return {
    kind: "unary",
    url,
    protocol: mode,
    concurrency: UNARY_CONCURRENCY,
    warmupMs,
    durationMs,
    mail: ctx.mail,
  };
}

/** Measures every mode against every target given; targets whose engine is missing are skipped. */
export async function measureIngest(
  ctx: Context,
  targets: readonly IngestTarget[],
): Promise<IngestMatrix> {
  const rounds = pick(ctx, 4, 1);
  const servers = new Map<IngestTarget, Service>();
  let fake: FakeSesProcess | undefined;
  const samples = new Map<string, { result: LoadResult; serverCpu: number | undefined }[]>();
  try {
    for (const target of targets) {
      if (target === "sqlite" && ctx.features.sqlite !== true) continue;
      if (target === "bare") {
        servers.set(target, await startBareServer());
      } else {
        fake ??= await startParkedFake();
        servers.set(target, await startAsyncSes(ctx, `ingest-${target}`, parked(target, fake)));
      }
    }
    for (let round = 1; round <= rounds; round++) {
      for (const mode of INGEST_MODES) {
        for (const [target, server] of servers) {
          const spec = specFor(ctx, mode, server.url);
          const cpu = watchCpu(server.pid);
          const result = await runLoad(spec, 60_000);
          const serverCpu = cpu.stop();
          ctx.log(
            `ingest round ${round}/${rounds} ${mode} → ${target}: ${Math.round(result.perSecond)}/s` +
              (result.errors > 0 ? ` (${result.errors} errors: ${result.firstError})` : ""),
          );
          const key = `${target}/${mode}`;
          samples.set(key, [...(samples.get(key) ?? []), { result, serverCpu }]);
        }
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    await fake?.stop();
  }

  const matrix: IngestMatrix = {};
  for (const target of servers.keys()) {
    const byMode = {} as Record<IngestMode, IngestFigure>;
    for (const mode of INGEST_MODES) {
      const list = samples.get(`${target}/${mode}`) ?? [];
      const defined = (xs: (number | undefined)[]) => xs.filter((x) => x !== undefined);
      byMode[mode] = {
        perSecond: median(list.map((s) => s.result.perSecond)),
        serverCpu: median(defined(list.map((s) => s.serverCpu))),
        serverCpuUsPerMessage: median(
          defined(
            list.map((s) =>
              s.serverCpu === undefined || s.result.completed === 0
                ? undefined
                : (s.serverCpu * 1e6) / s.result.perSecond,
            ),
          ),
        ),
        loadCpu: median(list.map((s) => s.result.cpu)),
        p50Ms: median(defined(list.map((s) => s.result.p50Ms))),
        errors: list.reduce((n, s) => n + s.result.errors, 0),
        firstError: list.find((s) => s.result.firstError)?.result.firstError,
        rounds: list.map((s) => Math.round(s.result.perSecond)),
      };
    }
    matrix[target] = byMode;
  }
  return matrix;
}

/** The matrix every selected ingest scenario needs, measured once per run. */
export function sharedIngest(ctx: Context): Promise<IngestMatrix> {
  const targets: IngestTarget[] = ["bare", "memory"];
  if (ctx.selected.includes("durability")) targets.push("sqlite");
  return ctx.shared("ingest", () => measureIngest(ctx, targets));
}

/** Labels of the modes in the table. */
export const MODE_LABEL: Record<IngestMode, string> = {
  grpc: `Send, gRPC (${UNARY_CONCURRENCY} concurrent)`,
  "connect-json": `Send, Connect JSON (${UNARY_CONCURRENCY} concurrent)`,
  batch: `SendBatch (${BATCH_STREAMS} streams)`,
};
