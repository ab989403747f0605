// Scenario 3, delivery: messages per second AsyncSES hands to a fake SES, beside a bare loop
// calling @aws-sdk/client-ses with the same concurrency; and with 50 ms of SES latency and 50
// workers, beside Little's law (workers / latency = 1,000 per second).
//
// AsyncSES's figure is a drain: SendBatch fills the outbox for a few seconds while the fake
// holds the workers' first calls, then, with no more load, the rate at which the fake SES
// receives the backlog is measured: delivery alone, from the store through the workers.

import { setTimeout as sleep } from "node:timers/promises";
import type { FakeSesProcess } from "../../test/support/fake-ses/index.ts";
import { sesEnv } from "../../test/support/ses-env.ts";
import { runJson } from "../children.ts";
import { type Context, pick, type Scenario } from "../context.ts";
import type { LoadResult } from "../load-spec.ts";
import { watchCpu } from "../proc.ts";
import type { Row } from "../report.ts";
import { median, ratio } from "../stats.ts";
import { type AsyncSes, runLoad, type StoreName, startAsyncSes, startFake } from "../targets.ts";

/** Concurrent SES calls: AsyncSES's default worker count, and the bare loop's callers. */
const WORKERS = 50;
const LATENCY_MS = 50;

/** What a drain measured. */
export interface Drain {
  readonly perSecond: number;
  /** Messages queued when the measured span began. */
  readonly backlog: number;
  /** True when the backlog ran out before the span's end (the figure is then a lower bound). */
  readonly ranOut: boolean;
  readonly seconds: number;
  readonly fillPerSecond: number;
  readonly serverCpu: number | undefined;
}

/**
 * Fills `server` for `fillMs` with SendBatch while its workers are held, then measures
 * delivery to `fake` for up to `windowMs`. The hold: the fake answers the first `workers`
 * sends (one per worker) only after the fill, so the backlog builds with no delivery
 * competing for the CPU, and the measured span is delivery alone.
 */
export async function measureDrain(
  ctx: Context,
  server: AsyncSes,
  fake: FakeSesProcess,
  workers: number,
  fillMs: number,
  windowMs: number,
): Promise<Drain> {
  await fake.reset();
  await fake.clearFaults();
  // The margin covers starting the load generator's process.
  const holdMs = fillMs + pick(ctx, 1500, 800);
  const heldAt = performance.now();
  await fake.inject({ kind: "slow", ms: holdMs, delivered: true }, { times: workers });
  const fill = await runLoad(
    { kind: "batch", url: server.url, streams: 2, warmupMs: 0, durationMs: fillMs, mail: ctx.mail },
    fillMs + 60_000,
  );
  if (fill.errors > 0) throw new Error(`filling failed: ${fill.firstError}`);
  // Every held call arrived after heldAt, so all are answered by heldAt + holdMs.
  const released = heldAt + holdMs + 100;
  if (performance.now() < released) await sleep(released - performance.now());
  const before = await fake.stats();
  const t0 = performance.now();
  const cpu = watchCpu(server.pid);
  let after = before;
  let t1 = t0;
  do {
    await sleep(250);
    after = await fake.stats();
    t1 = performance.now();
  } while (after.delivered < fill.total && t1 - t0 < windowMs);
  const seconds = (t1 - t0) / 1000;
  return {
    perSecond: (after.delivered - before.delivered) / seconds,
    backlog: fill.total - before.delivered,
    ranOut: after.delivered >= fill.total,
    seconds,
    fillPerSecond: fill.total / (fillMs / 1000),
    serverCpu: cpu.stop(),
  };
}

async function bareSdk(
  ctx: Context,
  fake: FakeSesProcess,
  warmupMs: number,
  durationMs: number,
): Promise<LoadResult> {
  const spec = { endpoint: fake.url, concurrency: WORKERS, warmupMs, durationMs, mail: ctx.mail };
  return runJson<LoadResult>("bench/bare-sdk.ts", spec, warmupMs + durationMs + 60_000, {
    ...sesEnv(fake.url),
  });
}

async function pipeline(
  ctx: Context,
  store: StoreName,
  fake: FakeSesProcess,
  fillMs: number,
  windowMs: number,
): Promise<Drain> {
  const server = await startAsyncSes(ctx, `delivery-${store}`, {
    store,
    ses: fake,
    workers: WORKERS,
  });
  try {
    return await measureDrain(ctx, server, fake, WORKERS, fillMs, windowMs);
  } finally {
    await server.stop();
  }
}

/** The median round of each series, with CPU per message, for the table. */
interface Series {
  readonly perSecond: number | undefined;
  readonly rounds: number[];
  /** CPU microseconds per message of the process doing the delivering (median). */
  readonly cpuUs: number | undefined;
  /** The drain of the median round, for AsyncSES. */
  readonly drain?: Drain;
}

function summarize(
  values: { perSecond: number; cpu: number | undefined; drain?: Drain }[],
): Series {
  const sorted = [...values].sort((a, b) => a.perSecond - b.perSecond);
  const mid = sorted[(sorted.length - 1) >> 1];
  const cpuUs = values
    .filter((v) => v.cpu !== undefined && v.perSecond > 0)
    .map((v) => ((v.cpu as number) * 1e6) / v.perSecond);
  return {
    perSecond: median(values.map((v) => v.perSecond)),
    rounds: values.map((v) => Math.round(v.perSecond)),
    cpuUs: median(cpuUs),
    drain: mid?.drain,
  };
}

function seriesNote(label: string, s: Series): string {
  const d = s.drain;
  const us = s.cpuUs === undefined ? "?" : `${Math.round(s.cpuUs)} µs`;
  const drain = d
    ? `, last backlog ${d.backlog} (queued at ${Math.round(d.fillPerSecond)}/s over SendBatch) drained for ${d.seconds.toFixed(1)} s${d.ranOut ? " and ran out: a lower bound" : ""}`
    : "";
  return `${label}: rounds ${s.rounds.join(", ")}/s, ${us} of CPU per message${drain}`;
}

export const delivery: Scenario = {
  name: "delivery",
  async run(ctx: Context): Promise<Row[]> {
    const rounds = pick(ctx, 3, 1);
    const warmupMs = pick(ctx, 1000, 200);
    const durationMs = pick(ctx, 4000, 500);
    const fillMs = pick(ctx, 4000, 500);
    const windowMs = pick(ctx, 5000, 800);
    const stores: StoreName[] = ctx.features.sqlite === true ? ["memory", "sqlite"] : ["memory"];
    const rows: Row[] = [];

    const fast = await startFake(0);
    const bareRuns: { perSecond: number; cpu: number }[] = [];
    const pipeRuns = new Map<
      StoreName,
      { perSecond: number; cpu: number | undefined; drain: Drain }[]
    >();
    try {
      for (let round = 1; round <= rounds; round++) {
        const bare = await bareSdk(ctx, fast, warmupMs, durationMs);
        if (bare.errors > 0) throw new Error(`the bare SDK loop failed: ${bare.firstError}`);
        ctx.log(
          `delivery round ${round}/${rounds}: bare SDK loop, no latency: ${Math.round(bare.perSecond)}/s`,
        );
        bareRuns.push({ perSecond: bare.perSecond, cpu: bare.cpu });
        for (const store of stores) {
          const d = await pipeline(ctx, store, fast, fillMs, windowMs);
          ctx.log(
            `delivery round ${round}/${rounds}: AsyncSES (${store}), no latency: ${Math.round(d.perSecond)}/s`,
          );
          pipeRuns.set(store, [
            ...(pipeRuns.get(store) ?? []),
            { perSecond: d.perSecond, cpu: d.serverCpu, drain: d },
          ]);
        }
      }
    } finally {
      await fast.stop();
    }
    const bare = summarize(bareRuns);
    ctx.detail("delivery", "bareSdk", bare);
    for (const store of stores) {
      const pipe = summarize(pipeRuns.get(store) ?? []);
      ctx.detail("delivery", `${store}-at-once`, pipe);
      const r = ratio(pipe.perSecond, bare.perSecond);
      rows.push({
        scenario: "3 delivery",
        measure: `SES answering at once, ${WORKERS} workers, ${store} store`,
        value: pipe.perSecond,
        unit: "msg/s",
        baseline: { label: `bare SDK loop, ${WORKERS} concurrent`, value: bare.perSecond },
        ratio: r,
        target:
          store === "memory"
            ? { text: "≥ 90%", met: r === undefined ? undefined : r >= 0.9 }
            : undefined,
        note: `${seriesNote("AsyncSES", pipe)}; ${seriesNote("bare SDK loop", bare)}`,
      });
    }
    if (ctx.features.sqlite !== true) {
      rows.push({
        scenario: "3 delivery",
        measure: `SES answering at once, ${WORKERS} workers, sqlite store`,
        value: undefined,
        unit: "msg/s",
        note: `SQLite store ${ctx.features.sqlite}`,
      });
    }

    const slow = await startFake(LATENCY_MS);
    try {
      const littlesLaw = WORKERS / (LATENCY_MS / 1000);
      const bareRun = await bareSdk(ctx, slow, warmupMs, durationMs);
      ctx.log(`delivery: bare SDK loop, ${LATENCY_MS} ms: ${Math.round(bareRun.perSecond)}/s`);
      const d = await pipeline(ctx, "memory", slow, fillMs, windowMs);
      ctx.log(`delivery: AsyncSES (memory), ${LATENCY_MS} ms: ${Math.round(d.perSecond)}/s`);
      const pipe = summarize([{ perSecond: d.perSecond, cpu: d.serverCpu, drain: d }]);
      const bareSlow = summarize([{ perSecond: bareRun.perSecond, cpu: bareRun.cpu }]);
      ctx.detail("delivery", "memory-50ms", pipe);
      ctx.detail("delivery", "bareSdk-50ms", bareSlow);
      const bound = { label: `Little's law, ${WORKERS} / ${LATENCY_MS} ms`, value: littlesLaw };
      rows.push(
        {
          scenario: "3 delivery",
          measure: `SES latency ${LATENCY_MS} ms, ${WORKERS} workers, memory store`,
          value: d.perSecond,
          unit: "msg/s",
          baseline: bound,
          ratio: ratio(d.perSecond, littlesLaw),
          note: seriesNote("AsyncSES", pipe),
        },
        {
          scenario: "3 delivery",
          measure: `bare SDK loop, SES latency ${LATENCY_MS} ms, ${WORKERS} concurrent`,
          value: bareRun.perSecond,
          unit: "msg/s",
          baseline: bound,
          ratio: ratio(bareRun.perSecond, littlesLaw),
          note: seriesNote("bare SDK loop", bareSlow),
        },
      );
    } finally {
      await slow.stop();
    }
    return rows;
  },
};
