// Scenario 5, memory: the server's peak RSS, read from outside (/proc/<pid>/status: VmRSS
// sampled every 100 ms, and the kernel's VmHWM).
//
// - A million messages queued in the durable store: written straight into the store by
//   bench/seed.ts (SendBatch would take minutes), then AsyncSES started on it and left to
//   deliver for a few seconds; the peak since its start, start-up with the backlog included.
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

async function queued(ctx: Context, n: number): Promise<Row> {
  const measure = `peak RSS with ${count(n)} queued in SQLite, starting and delivering`;
  const target = { text: `< ${TARGET_MB} MB`, met: undefined };
  if (ctx.features.sqlite !== true) {
    const note = `SQLite store ${ctx.features.sqlite}`;
    return { scenario: "5 memory", measure, value: undefined, unit: "MB", target, note };
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

  const deliverMs = pick(ctx, 5000, 1000);
  const fake = await startFake(0);
  try {
    const server = await startAsyncSes(ctx, "memory-queued", {
      store: "sqlite",
      ses: fake,
      workers: 50,
      dataDir,
      outboxMaxSize: 2 * n,
    });
    try {
      // No reset: the peak since the process started, start-up with the backlog included.
      const watch = watchRss(server.pid, false);
      await sleep(deliverMs);
      const rss = watch.stop();
      const delivered = (await fake.stats()).delivered;
      ctx.log(`memory: ${count(n)} queued, peak ${Math.round(rss.peakBytes / MB)} MB`);
      ctx.detail("memory", "queued", {
        messages: seed.count,
        seedSeconds: seed.seconds,
        peakBytes: rss.peakBytes,
        endBytes: rss.lastBytes,
        delivered,
        deliverMs,
      });
      return {
        scenario: "5 memory",
        measure,
        value: rss.peakBytes / MB,
        unit: "MB",
        target: { text: target.text, met: rss.peakBytes / MB < TARGET_MB },
        note: `a new process on a database holding ${count(seed.count)} queued messages, delivering to the fake SES for ${deliverMs / 1000} s (${count(delivered)} sent); ${Math.round(rss.lastBytes / MB)} MB at the end`,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await fake.stop();
  }
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
      if (result.errors > 0) throw new Error(`the stream failed: ${result.firstError}`);
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
    const rows = [await queued(ctx, pick(ctx, 1_000_000, 5_000))];
    const stores: StoreName[] = ctx.features.sqlite === true ? ["sqlite", "memory"] : ["memory"];
    for (const store of stores) rows.push(await stream(ctx, store, pick(ctx, 100_000, 2_000)));
    return rows;
  },
};
