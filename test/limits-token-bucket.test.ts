import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { createTokenBucket } from "../src/limits/token-bucket.ts";
import type { RateBudget } from "../src/limits/types.ts";

/** Takes and, as if SES answered at once, lands: the tokens are spent, not in flight. */
async function send(b: RateBudget, cost: number, now: number) {
  const g = await b.take(cost, cost, now);
  if (g.granted > 0) await b.landed(g.granted, now);
  return g;
}

test("starts full: one second's worth goes at once, then the rate paces", async () => {
  const b = createTokenBucket({ rate: 50, now: 0 });
  assert.equal((await send(b, 50, 0)).granted, 50);
  const miss = await send(b, 5, 0);
  assert.equal(miss.granted, 0);
  assert.equal(miss.retryInMs, 100);
  assert.equal((await send(b, 5, 100)).granted, 5);
});

test("a message costing more than the burst goes when the bucket is full, leaving a debt", async () => {
  const b = createTokenBucket({ rate: 10, now: 0 });
  assert.equal((await send(b, 25, 0)).granted, 25);
  // The debt of 15 is paid back first: one recipient needs 1.6 s.
  assert.equal((await send(b, 1, 0)).retryInMs, 1600);
  assert.equal((await send(b, 1, 1500)).granted, 0);
  assert.equal((await send(b, 1, 1600)).granted, 1);
  // The next large message waits for a full bucket, then goes.
  const big = await send(b, 25, 1600);
  assert.equal(big.granted, 0);
  assert.equal(big.retryInMs, 1000);
  assert.equal((await send(b, 25, 2600)).granted, 25);
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
  await b.landed(10, 0);
  await b.setRate(20, 500);
  await b.drain(500);
  assert.equal((await send(b, 1, 500)).granted, 0);
  await b.setRate(Number.POSITIVE_INFINITY, 500);
  assert.equal((await b.take(1, 1000, 500)).granted, 1000);
  // Leaving "no limit" starts full.
  await b.setRate(5, 600);
  assert.equal((await send(b, 5, 600)).granted, 5);
});

test("tokens in flight keep their room: the bucket refills only when SES has answered", async () => {
  const b = createTokenBucket({ rate: 10, now: 0 });
  assert.equal((await b.take(8, 8, 0)).granted, 8);
  // Two seconds later the bucket would be full again, but 8 are still in flight.
  assert.equal((await b.take(3, 3, 2000)).granted, 0);
  assert.equal((await b.take(2, 2, 2000)).granted, 2);
  await b.landed(8, 2000);
  // The room is back, and it refills at the rate.
  assert.equal((await b.take(1, 1, 2000)).granted, 0);
  assert.equal((await b.take(1, 1, 2100)).granted, 1);
});

/** The most recipients arriving in any interval beyond what a full bucket plus the rate allows. */
function worstExcess(arrivals: Array<{ at: number; n: number }>, rate: number, burst: number) {
  const a = [...arrivals].sort((x, y) => x.at - y.at);
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    let sum = 0;
    for (let j = i; j < a.length; j++) {
      sum += (a[j] as { n: number }).n;
      const span = (a[j] as { at: number }).at - (a[i] as { at: number }).at;
      worst = Math.max(worst, sum - burst - (rate * span) / 1000);
    }
  }
  return worst;
}

test("property: whatever each send's latency, SES never sees more than one burst plus the rate", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 5, max: 200 }),
      fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 300 }),
          cost: fc.integer({ min: 1, max: 5 }),
          latency: fc.integer({ min: 0, max: 2000 }),
          arrives: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 150 },
      ),
      async (rate, calls) => {
        const b = createTokenBucket({ rate, now: 0 });
        const answers: Array<{ at: number; n: number }> = [];
        const arrivals: Array<{ at: number; n: number }> = [];
        let now = 0;
        for (const c of calls) {
          now += c.gap;
          // SES answers the sends due by now (in time order), which frees their room.
          answers.sort((x, y) => x.at - y.at);
          while (answers.length > 0 && (answers[0] as { at: number }).at <= now) {
            const done = answers.shift() as { at: number; n: number };
            await b.landed(done.n, done.at);
          }
          const g = await b.take(c.cost, c.cost, now);
          if (g.granted === 0) continue;
          // It reaches SES at some time between being let go and being answered.
          arrivals.push({ at: now + Math.floor(c.arrives * c.latency), n: g.granted });
          answers.push({ at: now + c.latency, n: g.granted });
        }
        const excess = worstExcess(arrivals, rate, rate);
        assert.ok(excess <= 1e-9, `excess ${excess} at rate ${rate}`);
      },
    ),
    { numRuns: 200 },
  );
});
