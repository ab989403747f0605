// Scenario 4, rate accuracy: AsyncSES with ASYNCSES_MAX_SEND_RATE=200 and a backlog larger
// than the span can send, delivering to a fake SES that enforces nothing and reports a far
// higher MaxSendRate. From the fake's own records: recipients per second over the span from
// the first delivery, and the busiest one-second window.

import { setTimeout as sleep } from "node:timers/promises";
import { type Context, pick, type Scenario } from "../context.ts";
import { createMailPool } from "../messages.ts";
import type { Row } from "../report.ts";
import { busiestWindow, ratio } from "../stats.ts";
import { runLoad, startAsyncSes, startFake } from "../targets.ts";

const RATE = 200;

export const rate: Scenario = {
  name: "rate",
  async run(ctx: Context): Promise<Row[]> {
    const spanS = pick(ctx, 30, 2);
    const achievedMeasure = `achieved, ASYNCSES_MAX_SEND_RATE=${RATE} recipients/s, ${spanS} s`;
    const steadyMeasure = "achieved after the first second (the burst)";
    const busiestMeasure = "busiest one-second window";
    if (ctx.features.maxSendRate !== true) {
      const note = `rate limiter ${ctx.features.maxSendRate}`;
      return [
        {
          scenario: "4 rate",
          measure: achievedMeasure,
          value: undefined,
          unit: "rcpt/s",
          baseline: { label: "configured", value: RATE },
          target: { text: "within 2%", met: undefined },
          note,
        },
        {
          scenario: "4 rate",
          measure: steadyMeasure,
          value: undefined,
          unit: "rcpt/s",
          baseline: { label: "configured", value: RATE },
          target: { text: "within 2%", met: undefined },
          note,
        },
        {
          scenario: "4 rate",
          measure: busiestMeasure,
          value: undefined,
          unit: "rcpt",
          baseline: { label: "rate + 1 s burst", value: 2 * RATE },
          target: { text: `≤ ${2 * RATE}`, met: undefined },
          note,
        },
      ];
    }

    const pool = createMailPool(ctx.mail);
    const perMessage = pool.reduce((n, m) => n + m.to.length, 0) / pool.length;
    // Enough for the span and some, so the rate and not the backlog paces every second.
    const count = Math.ceil((RATE * (spanS + 5)) / perMessage);
    const fake = await startFake(0);
    try {
      const server = await startAsyncSes(ctx, "rate", {
        store: "memory",
        ses: fake,
        workers: 50,
        maxSendRate: RATE,
      });
      try {
        const fill = await runLoad(
          { kind: "fill", url: server.url, streams: 1, count, mail: ctx.mail },
          60_000,
        );
        if (fill.errors > 0) throw new Error(`filling failed: ${fill.firstError}`);
        while ((await fake.stats()).delivered === 0) await sleep(50);
        await sleep(spanS * 1000 + 1500);
      } finally {
        await server.stop();
      }
      const records = (await fake.deliveries()).sort((a, b) => a.time - b.time);
      const first = records[0]?.time ?? 0;
      const inSpan = records.filter((r) => r.time < first + spanS * 1000);
      const recipients = inSpan.reduce((n, r) => n + r.recipients, 0);
      const achieved = recipients / spanS;
      const steady =
        inSpan.filter((r) => r.time >= first + 1000).reduce((n, r) => n + r.recipients, 0) /
        (spanS - 1);
      const busiest = busiestWindow(
        inSpan.map((r) => ({ at: r.time, weight: r.recipients })),
        1000,
      );
      const stats = await fake.stats();
      const ranOut = inSpan.length >= count;
      ctx.detail("rate", "result", {
        configured: RATE,
        spanS,
        messagesQueued: count,
        recipientsInSpan: recipients,
        achieved,
        steadyAfterFirstSecond: steady,
        busiest,
        throttles: stats.throttles,
        ranOut,
      });
      ctx.log(`rate: achieved ${achieved.toFixed(1)}/s, busiest second ${busiest}`);
      const r = ratio(achieved, RATE);
      return [
        {
          scenario: "4 rate",
          measure: achievedMeasure,
          value: achieved,
          unit: "rcpt/s",
          baseline: { label: "configured", value: RATE },
          ratio: r,
          target: { text: "within 2%", met: r === undefined ? undefined : Math.abs(r - 1) <= 0.02 },
          note: `${recipients} recipients in the ${spanS} s from the first delivery, one second's burst (${RATE}) included, from a backlog of ${count} messages; ${stats.throttles} throttles${ranOut ? "; the backlog ran out within the span" : ""}`,
        },
        {
          scenario: "4 rate",
          measure: steadyMeasure,
          value: steady,
          unit: "rcpt/s",
          baseline: { label: "configured", value: RATE },
          ratio: ratio(steady, RATE),
          target: {
            text: "within 2%",
            met: Math.abs(steady / RATE - 1) <= 0.02,
          },
        },
        {
          scenario: "4 rate",
          measure: busiestMeasure,
          value: busiest,
          unit: "rcpt",
          baseline: { label: "rate + 1 s burst", value: 2 * RATE },
          ratio: ratio(busiest, 2 * RATE),
          target: { text: `≤ ${2 * RATE}`, met: busiest <= 2 * RATE },
        },
      ];
    } finally {
      await fake.stop();
    }
  },
};
