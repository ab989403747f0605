import assert from "node:assert/strict";
import { test } from "node:test";
import { createLocalQuotaLedger, DAY_MS } from "../src/limits/quota-ledger.ts";

test("reserves up to the quota, then says when the window frees", async () => {
  const l = createLocalQuotaLedger();
  await l.sync(10, 0, 0);
  for (let i = 0; i < 5; i++) {
    assert.deepEqual(await l.reserve(2, i * 1000), { granted: true });
    await l.settle(2, true, i * 1000);
  }
  assert.deepEqual(await l.usage(5000), { max: 10, used: 10, remaining: 0 });
  assert.deepEqual(await l.reserve(3, 5000), { granted: false, freeAt: 1000 + DAY_MS });
  // As the window rolls, room comes back.
  assert.deepEqual(await l.reserve(2, DAY_MS), { granted: true });
  assert.equal((await l.usage(DAY_MS)).used, 10);
  assert.equal((await l.usage(DAY_MS + 1000)).used, 8);
});

test("a reservation SES did not count is given back", async () => {
  const l = createLocalQuotaLedger();
  await l.sync(3, 0, 0);
  assert.deepEqual(await l.reserve(3, 0), { granted: true });
  assert.equal((await l.reserve(1, 0)).granted, false);
  await l.settle(3, false, 10);
  assert.deepEqual(await l.usage(10), { max: 3, used: 0, remaining: 3 });
});

test("SES's SentLast24Hours beyond the ledger's counts until the next sync", async () => {
  const l = createLocalQuotaLedger();
  await l.sync(100, 95, 0);
  assert.equal((await l.usage(0)).remaining, 5);
  const refused = await l.reserve(6, 0);
  // The others' sends are not dated: no time can be told.
  assert.deepEqual(refused, { granted: false, freeAt: undefined });
  await l.sync(100, 40, 60_000);
  assert.equal((await l.usage(60_000)).remaining, 60);
});

test("SES saying the quota is used up fills the window until the next sync", async () => {
  const l = createLocalQuotaLedger();
  await l.sync(100, 0, 0);
  await l.reserve(10, 0);
  await l.settle(10, true, 0);
  await l.markExhausted(1);
  assert.equal((await l.usage(1)).remaining, 0);
  assert.equal((await l.reserve(1, 1)).granted, false);
  await l.sync(100, 10, 2);
  assert.equal((await l.reserve(1, 2)).granted, true);
});

test("no daily limit: everything is granted", async () => {
  const l = createLocalQuotaLedger();
  await l.sync(-1, 123, 0);
  assert.equal((await l.reserve(1_000_000, 0)).granted, true);
  assert.equal((await l.usage(0)).remaining, Number.POSITIVE_INFINITY);
});

test("a message larger than the whole quota may go into an empty window", async () => {
  const l = createLocalQuotaLedger();
  await l.sync(5, 0, 0);
  assert.equal((await l.reserve(8, 0)).granted, true);
  assert.equal((await l.reserve(1, 0)).granted, false);
});
