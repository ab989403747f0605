import assert from "node:assert/strict";
import { test } from "node:test";
import { createChannel } from "../src/outbox/channel.ts";
import { createBatcher } from "../src/util/batcher.ts";

test("channel: items come out in order and push waits while full", async () => {
  const ch = createChannel<number>(2);
  await ch.push(1);
  await ch.push(2);
  let pushed = false;
  const third = ch.push(3).then(() => {
    pushed = true;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(pushed, false, "push must wait while the channel is full");
  assert.equal(await ch.take(), 1);
  await third;
  assert.equal(pushed, true);
  assert.deepEqual([await ch.take(), await ch.take()], [2, 3]);
});

test("channel: a waiting taker gets the next item; close ends takers and returns what is left", async () => {
  const ch = createChannel<string>(4);
  const waiting = ch.take();
  await ch.push("a");
  assert.equal(await waiting, "a");
  await ch.push("b");
  await ch.push("c");
  ch.close();
  assert.deepEqual(ch.drain(), ["b", "c"]);
  assert.equal(await ch.take(), undefined);
  await assert.rejects(ch.push("d"), /closed/);
});

test("batcher: concurrent submissions share one flush and each gets its own result", async () => {
  const flushes: number[][] = [];
  const b = createBatcher<number, number>(async (items) => {
    flushes.push(items);
    return items.map((i) => i * 10);
  }, 100);
  const results = await Promise.all([1, 2, 3, 4, 5].map((i) => b.submit(i)));
  assert.deepEqual(results, [10, 20, 30, 40, 50]);
  assert.equal(flushes.length, 1);
});

test("batcher: items arriving during a flush form the next batch; maxBatch splits", async () => {
  const flushes: number[][] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const b = createBatcher<number, number>(async (items) => {
    flushes.push(items);
    if (flushes.length === 1) await gate;
    return items;
  }, 2);
  const first = b.submit(1);
  await new Promise((r) => setImmediate(r));
  const rest = [2, 3, 4].map((i) => b.submit(i));
  release();
  assert.deepEqual(await Promise.all([first, ...rest]), [1, 2, 3, 4]);
  assert.deepEqual(flushes, [[1], [2, 3], [4]]);
});

test("batcher: a failed flush rejects every caller of that batch", async () => {
  const b = createBatcher<number, number>(async () => {
    throw new Error("disk full");
  }, 10);
  const all = await Promise.allSettled([b.submit(1), b.submit(2)]);
  assert.deepEqual(
    all.map((r) => r.status),
    ["rejected", "rejected"],
  );
});
