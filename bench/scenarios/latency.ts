// Scenario 6, latency: from a client's Send to the SES call, at low load. The load generator
// sends unary gRPC Sends at a steady 50 per second, each with a token in its subject, noting
// when it called (Date.now()); the fake SES notes when each SendEmail arrived (Date.now() in
// its process). Both are wall-clock milliseconds on one machine, so the figures are exact to
// about a millisecond.

import { setTimeout as sleep } from "node:timers/promises";
import { type Context, pick, type Scenario } from "../context.ts";
import type { Row } from "../report.ts";
import { quantile } from "../stats.ts";
import { runLoad, type StoreName, startAsyncSes, startFake } from "../targets.ts";

const PER_SECOND = 50;

async function measure(ctx: Context, store: StoreName): Promise<Row[]> {
  const durationMs = pick(ctx, 10_000, 1000);
  const fake = await startFake(0);
  try {
    const server = await startAsyncSes(ctx, `latency-${store}`, { store, ses: fake, workers: 50 });
    let result: Awaited<ReturnType<typeof runLoad>>;
    try {
      result = await runLoad(
        { kind: "paced", url: server.url, perSecond: PER_SECOND, durationMs, mail: ctx.mail },
        durationMs + 60_000,
      );
      if (result.errors > 0) throw new Error(`sends failed: ${result.firstError}`);
      const expected = result.sent?.length ?? 0;
      const deadline = Date.now() + 10_000;
      while ((await fake.stats()).delivered < expected && Date.now() < deadline) await sleep(100);
    } finally {
      await server.stop();
    }
    const arrived = new Map<string, number>();
    for (const r of await fake.deliveries()) {
      const token = /\[lat-\d+\]/.exec(r.subject ?? "")?.[0];
      if (token !== undefined) arrived.set(token, r.time);
    }
    const latencies: number[] = [];
    for (const s of result.sent ?? []) {
      const at = arrived.get(s.token);
      if (at !== undefined) latencies.push(at - s.at);
    }
    const missing = (result.sent?.length ?? 0) - latencies.length;
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    ctx.log(`latency (${store}): p50 ${p50} ms, p99 ${p99} ms over ${latencies.length} messages`);
    ctx.detail("latency", store, {
      perSecond: PER_SECOND,
      samples: latencies.length,
      missing,
      p50,
      p90: quantile(latencies, 0.9),
      p99,
      max: quantile(latencies, 1),
      rpcP50Ms: result.p50Ms,
      rpcP99Ms: result.p99Ms,
    });
    const note = `${latencies.length} messages at ${PER_SECOND}/s over unary gRPC${missing > 0 ? ` (${missing} never reached SES)` : ""}; the Send call itself answered in ${result.p50Ms?.toFixed(1)} ms at p50, ${result.p99Ms?.toFixed(1)} ms at p99; max Send → SES ${quantile(latencies, 1)} ms`;
    return [
      {
        scenario: "6 latency",
        measure: `Send → SES call, p50, ${store} store`,
        value: p50,
        unit: "ms",
        note,
      },
      {
        scenario: "6 latency",
        measure: `Send → SES call, p99, ${store} store`,
        value: p99,
        unit: "ms",
      },
    ];
  } finally {
    await fake.stop();
  }
}

export const latency: Scenario = {
  name: "latency",
  async run(ctx: Context): Promise<Row[]> {
    const rows = await measure(ctx, "memory");
    if (ctx.features.sqlite === true) rows.push(...(await measure(ctx, "sqlite")));
    return rows;
  },
};
