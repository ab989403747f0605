import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import type { Account, Quota } from "../src/account/types.ts";
import { createQuotaRefresher } from "../src/limits/quota-refresher.ts";
import { createTestClock } from "./support/clock.ts";

const logger = pino({ level: "silent" });

function account(quota: () => Quota): Account & { readonly calls: number[] } {
  const calls: number[] = [];
  const none = () => Promise.reject(new Error("not used"));
  return {
    calls,
    async quota() {
      calls.push(performance.now());
      return quota();
    },
    statistics: none,
    listIdentities: none,
    verifyEmail: none,
    deleteIdentity: none,
  };
}

test("reads the limits before start resolves, then again at the interval", async () => {
  const clock = createTestClock({ scale: 1 });
  let rate = 14;
  const acct = account(() => ({ maxSendRate: rate, max24HourSend: 200, sentLast24Hours: 0 }));
  const applied: number[] = [];
  const r = createQuotaRefresher({
    account: acct,
    apply: async (q) => {
      applied.push(q.maxSendRate);
    },
    clock,
    logger,
    everyMs: 1000,
    timeoutMs: 1000,
  });
  await r.start();
  assert.deepEqual(applied, [14]);
  rate = 20;
  await new Promise((resolve) => setTimeout(resolve, 1900));
  await r.stop();
  assert.equal(applied[0], 14);
  assert.equal(applied[1], 20);
});

test("never asks SES more than once a real second, whatever the clock's speed", async () => {
  const clock = createTestClock({ scale: 50 });
  const acct = account(() => ({ maxSendRate: 1, max24HourSend: 1, sentLast24Hours: 0 }));
  const r = createQuotaRefresher({
    account: acct,
    apply: async () => {},
    clock,
    logger,
    everyMs: 1000,
    timeoutMs: 1000,
  });
  await r.start();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await r.stop();
  assert.ok(acct.calls.length <= 3, `${acct.calls.length} calls`);
  for (let i = 1; i < acct.calls.length; i++) {
    assert.ok((acct.calls[i] as number) - (acct.calls[i - 1] as number) >= 990);
  }
});

test("a failed read is not fatal: start resolves, and it keeps trying", async () => {
  const clock = createTestClock({ scale: 20 });
  let fail = true;
  const acct = account(() => {
    if (fail) throw new Error("SES unavailable");
    return { maxSendRate: 7, max24HourSend: 100, sentLast24Hours: 0 };
  });
  const applied: number[] = [];
  const r = createQuotaRefresher({
    account: acct,
    apply: async (q) => {
      applied.push(q.maxSendRate);
    },
    clock,
    logger,
    everyMs: 60_000,
    timeoutMs: 1000,
  });
  await r.start();
  assert.deepEqual(applied, []);
  fail = false;
  // A failure is retried after 10 s of the clock (and a real second), not the full interval.
  await new Promise((resolve) => setTimeout(resolve, 1900));
  await r.stop();
  assert.deepEqual(applied, [7]);
});
