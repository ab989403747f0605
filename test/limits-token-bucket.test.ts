import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { createTokenBucket } from "../src/limits/token-bucket.ts";

test("starts full: one second's worth goes at once, then the rate paces", async () => {
  const b = createTokenBucket({ rate: 50, now: 0 });
  assert.equal((await b.take(50, 50, 0)).granted, 50);
  const miss = await b.take(5, 5, 0);
  assert.equal(miss.granted, 0);
  assert.equal(miss.retryInMs, 100);
  assert.equal((await b.take(5, 5, 100)).granted, 5);
});

test("a message costing more than the burst goes when the bucket is full, leaving a debt", async () => {
  const b = createTokenBucket({ rate: 10, now: 0 });
  assert.equal((await b.take(25, 25, 0)).granted, 25);
  // The debt of 15 is paid back first: one recipient needs 1.6 s.
  const miss = await b.take(1, 1, 0);
  assert.equal(miss.retryInMs, 1600);
  assert.equal((await b.take(1, 1, 1500)).granted, 0);
  assert.equal((await b.take(1, 1, 1600)).granted, 1);
  // The next large message waits for a full bucket, then goes.
  const big = await b.take(25, 25, 1600);
  assert.equal(big.granted, 0);
  assert.equal(big.retryInMs, 1000);
  assert.equal((await b.take(25, 25, 2600)).granted, 25);
});

test("takes a batch: at least min, up to max, as far as whole tokens go", async () => {
  const b = createTokenBucket({ rate: 10, now: 0 });
  assert.equal((await b.take(2, 8, 0)).granted, 8);
  assert.equal((await b.take(1, 8, 0)).granted, 2);
  assert.equal((await b.take(1, 8, 0)).granted, 0);
});

test("a new rate changes the burst; drain empties; Infinity lets everything through", async () => {
  const b = createTokenBucket({ rate: 100, now: 0 });
  await b.setRate(10, 0);
  assert.equal((await b.take(1, 100, 0)).granted, 10);
  await b.setRate(20, 500);
  await b.drain(500);
  assert.equal((await b.take(1, 1, 500)).granted, 0);
  await b.setRate(Number.POSITIVE_INFINITY, 500);
  assert.equal((await b.take(1, 1000, 500)).granted, 1000);
  // Leaving "no limit" starts full.
  await b.setRate(5, 600);
  assert.equal((await b.take(5, 5, 600)).granted, 5);
});

test("property: no one-second window carries more than the rate plus one burst", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 200 }),
      fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 300 }), cost: fc.integer({ min: 1, max: 5 }) }),
        {
          minLength: 1,
          maxLength: 300,
        },
      ),
      async (rate, calls) => {
        const b = createTokenBucket({ rate, now: 0 });
        const granted: Array<{ at: number; n: number }> = [];
        let now = 0;
        for (const c of calls) {
          now += c.gap;
          const g = await b.take(c.cost, c.cost, now);
          if (g.granted > 0) granted.push({ at: now, n: g.granted });
        }
        let start = 0;
        let sum = 0;
        for (const g of granted) {
          sum += g.n;
          while ((granted[start] as { at: number }).at <= g.at - 1000) {
            sum -= (granted[start] as { n: number }).n;
            start++;
          }
          // One burst plus a second's refill, plus one message that may go into debt.
          assert.ok(sum <= 2 * rate + 5, `window of ${sum} at rate ${rate}`);
        }
      },
    ),
    { numRuns: 200 },
  );
});
