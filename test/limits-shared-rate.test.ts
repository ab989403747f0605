import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { createAimd } from "../src/limits/aimd.ts";
import { createLimiterGate } from "../src/limits/limiter-gate.ts";
import { createLocalQuotaLedger } from "../src/limits/quota-ledger.ts";
import type { Grant, RateBudget, SharedRate } from "../src/limits/types.ts";
import { clockFrom } from "../src/util/clock.ts";

test("adopting a rate lowered elsewhere is a congestion event; a raised one is climbed from", () => {
  const a = createAimd({ limit: 100, now: 0 });
  a.adopt(80, true, 10);
  assert.equal(a.rate, 80);
  // Throttles of sends admitted before the adoption were paced by the old rate.
  assert.equal(a.throttled(5, 20), false);
  assert.equal(a.rate, 80);
  a.adopt(90, false, 30);
  assert.equal(a.rate, 90);
  // Never above this instance's limit, and a lowering that is no lower changes nothing.
  a.adopt(150, false, 40);
  assert.equal(a.rate, 100);
  a.adopt(100, true, 50);
  assert.equal(a.throttled(45, 60), true, "not a new congestion event: the rate was not lowered");
  const unlimited = createAimd({ limit: Number.POSITIVE_INFINITY, now: 0 });
  unlimited.adopt(20, true, 10);
  unlimited.succeeded(1000);
  assert.equal(unlimited.rate, Number.POSITIVE_INFINITY, "nothing to adapt without a limit");
});

test("the limiter adopts the shared rate its budget reports", async () => {
  const pushed: number[] = [];
  let report: SharedRate | undefined;
  const budget: RateBudget = {
    async take(_min, max): Promise<Grant> {
      const shared = report;
      report = undefined;
      return { granted: max, retryInMs: 0, shared };
    },
    async landed() {},
    async setRate(rate) {
      pushed.push(rate);
    },
    async drain() {},
  };
  let now = 1_000_000;
  const gate = createLimiterGate({
    budget,
    ledger: createLocalQuotaLedger(),
    clock: clockFrom(() => now),
    logger: pino({ level: "silent" }),
    configuredRate: undefined,
    initialRate: 100,
    probeEveryMs: 10_000,
    maxWaitMs: 60_000,
  });
  await gate.applyQuota({ maxSendRate: 100, max24HourSend: -1, sentLast24Hours: 0 }, now);
  const early = await gate.acquire(1, new AbortController().signal);
  now += 5;
  report = { rate: 40, lowered: true };
  assert.equal((await gate.acquire(1, new AbortController().signal)).kind, "go");
  assert.equal((await gate.status(now)).workingRate, 40);
  // A throttle of a send admitted before the adoption does not lower it again.
  now += 5;
  assert.equal(early.kind, "go");
  if (early.kind === "go")
    await early.pass.report(
      {
        kind: "throttled",
        code: "Throttling",
        message: "Maximum sending rate exceeded",
        rejected: false,
      },
      now,
    );
  assert.equal((await gate.status(now)).workingRate, 40);
  assert.deepEqual(pushed, [100]);
});
