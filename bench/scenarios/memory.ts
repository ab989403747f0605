// Scenario 5, memory: the server's peak RSS, read from outside (/proc/<pid>/status: VmRSS
// sampled every 100 ms, and the kernel's VmHWM).
//
// - A million messages queued in the durable store: written straight into the store by
//   bench/seed.ts (SendBatch would take minutes), then AsyncSES started on it twice: with
//   delivery parked, and delivering at full speed; the peak since its start each time,
//   start-up with the backlog included.
// - During one SendBatch stream of 100,000 messages, for every store, with delivery parked:
//   the memory of accepting (stream window, group commits, the store).

import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { runJson } from "../children.ts";
import { type Context, pick, type Scenario } from "../context.ts";
import { watchRss } from "../proc.ts";
import type { Row } from "../report.ts";
import {
  parked,
  runLoad,
  type StoreName,
  startAsyncSes,
  startFake,
  startParkedFake,
} from "../targets.ts";

const MB = 1024 * 1024;
const TARGET_MB = 200;

const count = (n: number) => n.toLocaleString("en-US");

/** Peak RSS of AsyncSES started on `dataDir` and left running `ms` with the given fake SES. */
async function peakOnQueue(
  ctx: Context,
  dataDir: string,
  n: number,
  deliver: boolean,
  ms: number,
): Promise<{ peakBytes: number; endBytes: number; delivered: number }> {
  const fake = deliver ? await startFake(0) : await startParkedFake();
  try {
    const name = deliver ? "memory-queued-delivering" : "memory-queued-idle";
    const server = await startAsyncSes(
      ctx,
      name,
      deliver
        ? { store: "sqlite", ses: fake, workers: 50, dataDir, outboxMaxSize: 2 * n }
        : { ...parked("sqlite", fake, 2 * n), dataDir },
    );
    try {
      // No reset: the peak since the process started, start-up with the backlog included.
      const watch = watchRss(server.pid, false);
      await sleep(ms);
      const rss = watch.stop();
      const delivered = deliver ? (await fake.stats()).delivered : 0;
      return { peakBytes: rss.peakBytes, endBytes: rss.lastBytes, delivered };
    } finally {
      await server.stop();
    }
  } finally {
    await fake.stop();
  }
}

async function queued(ctx: Context, n: number): Promise<Row[]> {
  const idleMeasure = `peak RSS with ${count(n)} queued in SQLite, started, delivery parked`;
  const deliverMeasure = `peak RSS with ${count(n)} queued in SQLite, delivering at full speed`;
  const target = { text: `< ${TARGET_MB} MB`, met: undefined };
  if (ctx.features.sqlite !== true) {
    const note = `SQLite store ${ctx.features.sqlite}`;
    return [idleMeasure, deliverMeasure].map((measure) => ({
      scenario: "5 memory",
      measure,
      value: undefined,
      unit: "MB",
      target,
      note,
    }));
  }
  const dataDir = mkdtempSync(join(ctx.tmp, "memory-queued-"));
  const seed = await runJson<{ count: number; seconds: number }>(
    "bench/seed.ts",
    { store: "sqlite", dataDir, count: n, mail: ctx.mail },
    pick(ctx, 300_000, 30_000),
  );
  ctx.log(
    `memory: seeded ${count(seed.count)} messages into SQLite in ${seed.seconds.toFixed(1)} s`,
  );
  const idleMs = pick(ctx, 3000, 500);
  const deliverMs = pick(ctx, 6000, 700);
  const idle = await peakOnQueue(ctx, dataDir, n, false, idleMs);
  ctx.log(`memory: ${count(n)} queued, parked: peak ${Math.round(idle.peakBytes / MB)} MB`);
  const busy = await peakOnQueue(ctx, dataDir, n, true, deliverMs);
  ctx.log(`memory: ${count(n)} queued, delivering: peak ${Math.round(busy.peakBytes / MB)} MB`);
  ctx.detail("memory", "queued", {
    messages: seed.count,
    seedSeconds: seed.seconds,
    idle,
    idleMs,
    delivering: busy,
    deliverMs,
  });
  return [
    {
      scenario: "5 memory",
      measure: idleMeasure,
      value: idle.peakBytes / MB,
      unit: "MB",
      target: { text: target.text, met: idle.peakBytes / MB < TARGET_MB },
      note: `a new process on a database holding ${count(seed.count)} queued messages (written by bench/seed.ts in ${seed.seconds.toFixed(0)} s), for ${idleMs / 1000} s from its start; its one worker's SES calls never succeed`,
    },
    {
      scenario: "5 memory",
      measure: deliverMeasure,
      value: busy.peakBytes / MB,
      unit: "MB",
      target: { text: target.text, met: busy.peakBytes / MB < TARGET_MB },
      note: `the same database, a new process with 50 workers delivering to the fake SES for ${deliverMs / 1000} s from its start (${count(busy.delivered)} sent); ${Math.round(busy.endBytes / MB)} MB at the end`,
    },
  ];
}

async function stream(ctx: Context, store: StoreName, n: number): Promise<Row> {
  const fake = await startParkedFake();
  try {
    const server = await startAsyncSes(ctx, `memory-stream-${store}`, parked(store, fake, 2 * n));
    try {
      await sleep(200);
      const idle = watchRss(server.pid, true).stop().lastBytes;
      const during = watchRss(server.pid, true);
      const result = await runLoad(
        { kind: "fill", url: server.url, streams: 1, count: n, mail: ctx.mail },
        pick(ctx, 240_000, 30_000),
      );
      const rss = during.stop();
      if (result.errors > 0) {
        await sleep(500);
        const fatal = /FATAL ERROR: [^\n]+/.exec(server.tail())?.[0];
        throw new Error(`the stream failed: ${fatal ?? result.firstError}`);
      }
      ctx.log(
        `memory: ${count(n)}-message stream (${store}) at ${Math.round(result.perSecond)}/s, peak ${Math.round(rss.peakBytes / MB)} MB`,
      );
      ctx.detail("memory", `stream-${store}`, {
        messages: n,
        perSecond: result.perSecond,
        idleBytes: idle,
        peakBytes: rss.peakBytes,
        endBytes: rss.lastBytes,
      });
      return {
        scenario: "5 memory",
        measure: `peak RSS during a ${count(n)}-message SendBatch stream, ${store} store`,
        value: rss.peakBytes / MB,
        unit: "MB",
        note: `one stream at ${Math.round(result.perSecond)}/s, delivery parked; ${Math.round(idle / MB)} MB idle before, ${Math.round(rss.lastBytes / MB)} MB at the end`,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await fake.stop();
  }
}

export const memory: Scenario = {
  name: "memory",
  async run(ctx: Context): Promise<Row[]> {
    const rows = await queued(ctx, pick(ctx, 1_000_000, 2_000));
    const stores: StoreName[] = ctx.features.sqlite === true ? ["sqlite", "memory"] : ["memory"];
    const n = pick(ctx, 100_000, 1_000);
    for (const store of stores) {
      try {
        rows.push(await stream(ctx, store, n));
      } catch (err) {
        rows.push({
          scenario: "5 memory",
          measure: `peak RSS during a ${count(n)}-message SendBatch stream, ${store} store`,
          value: undefined,
          unit: "MB",
          note: `could not run: ${ctx.fail("memory", err)}`,
        });
      }
    }
    return rows;
  },
};
