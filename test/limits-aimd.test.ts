import assert from "node:assert/strict";
import { test } from "node:test";
import { createAimd, increasePerSecond } from "../src/limits/aimd.ts";

test("a throttle lowers the rate multiplicatively, once per congestion event", () => {
  const a = createAimd({ limit: 100, now: 0 });
  assert.equal(a.rate, 100);
  assert.equal(a.throttled(0, 10), true);
  assert.equal(a.rate, 80);
  // Sends admitted before the decrease were paced by the old rate: no new information.
  assert.equal(a.throttled(5, 20), false);
  assert.equal(a.rate, 80);
  assert.equal(a.throttled(30, 40), true);
  assert.equal(a.rate, 64);
});

test("successes climb back additively toward the limit, never past it", () => {
  const a = createAimd({ limit: 100, now: 0 });
  a.throttled(0, 0);
  for (let t = 1000; t <= 5000; t += 1000) a.succeeded(t);
  assert.ok(Math.abs(a.rate - (80 + 5 * increasePerSecond(100))) < 1e-9);
  // An idle stretch counts for at most one second.
  a.succeeded(60_000);
  assert.ok(Math.abs(a.rate - (80 + 6 * increasePerSecond(100))) < 1e-9);
  for (let t = 61_000; t < 200_000; t += 1000) a.succeeded(t);
  assert.equal(a.rate, 100);
});

test("the limit can change: lower caps at once, higher is climbed to", () => {
  const a = createAimd({ limit: 50, now: 0 });
  a.setLimit(20, 0);
  assert.equal(a.rate, 20);
  a.setLimit(40, 0);
  assert.equal(a.rate, 20);
  a.succeeded(1000);
  assert.ok(a.rate > 20 && a.rate < 40);
  const unlimited = createAimd({ limit: Number.POSITIVE_INFINITY, now: 0 });
  assert.equal(unlimited.throttled(0, 0), false);
  unlimited.setLimit(14, 0);
  assert.equal(unlimited.rate, 14);
});

test("repeated throttles stop at a floor above zero", () => {
  const a = createAimd({ limit: 10, now: 0 });
  for (let t = 0; t < 100; t++) a.throttled(t, t);
  assert.ok(a.rate > 0);
  assert.ok(a.rate <= 0.2 + 1e-9);
});
