import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DAY_MS } from "../src/limits/quota-ledger.ts";
import { openPostgresStore, type PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { STALE_MS } from "../src/store/postgres/shared-limits.ts";
import type { SharedLimits } from "../src/store/types.ts";
import { createTestDatabase, postgresMissing } from "./support/postgres.ts";

const T0 = 1_700_000_000_000;
const missing = await postgresMissing();

interface Instance {
  readonly store: PostgresStore;
  readonly limits: SharedLimits;
}

/** Runs `fn` with `n` instances' shared limits on a fresh database, starting at `rate`. */
async function withInstances(
  n: number,
  rate: number,
  fn: (instances: [Instance, Instance, ...Instance[]]) => Promise<void>,
): Promise<void> {
  const db = await createTestDatabase("limits");
  const all: Instance[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const store = await openPostgresStore({ url: db.url, poolSize: 2, instance: `i${i}` });
      all.push({ store, limits: await store.openSharedLimits({ rate, now: () => T0 }) });
    }
    await fn(all as [Instance, Instance, ...Instance[]]);
  } finally {
    for (const i of all) await i.store.close();
    await db.drop();
  }
}

describe("postgres shared limits", { skip: missing }, () => {
  it("instances draw on one bucket: together no more than one burst plus the rate", async () => {
    await withInstances(3, 50, async (instances) => {
      let granted = 0;
      const seconds = 3;
      // Each instance asks every 20 ms of (simulated) time; every send is answered at once.
      for (let t = 0; t <= seconds * 1000; t += 20) {
        for (const { limits } of instances) {
          const g = await limits.budget.take(1, 5, T0 + t);
          granted += g.granted;
          if (g.granted > 0) await limits.budget.landed(g.granted, T0 + t);
          else assert.ok(g.retryInMs > 0);
        }
      }
      assert.ok(granted <= 50 + 50 * seconds, `${granted} granted`);
      assert.ok(granted >= 50 * seconds - 10, `${granted} granted`);
    });
  });

  it("tokens in flight keep their room; a dead instance's stop counting after a while", async () => {
    await withInstances(2, 10, async ([a, b]) => {
      assert.equal((await a.limits.budget.take(1, 10, T0)).granted, 10);
      // Ten seconds later the bucket would be full, but a's ten sends are still unanswered.
      assert.equal((await b.limits.budget.take(1, 10, T0 + 10_000)).granted, 0);
      // a died: after STALE_MS its sends no longer hold room.
      const later = T0 + 10_000 + STALE_MS + 1;
      assert.equal((await b.limits.budget.take(1, 10, later)).granted, 10);
    });
  });

  it("a throttle seen by one instance lowers the rate for all; a stale climb does not undo it", async () => {
    await withInstances(2, 100, async ([a, b]) => {
      // Both have looked once.
      await a.limits.budget.take(1, 1, T0);
      await b.limits.budget.take(1, 1, T0);
      // a is throttled: its limiter drains the bucket and lowers the rate.
      await a.limits.budget.drain(T0 + 10);
      await a.limits.budget.setRate(80, T0 + 10);
      // b climbs on what it knew: refused.
      await b.limits.budget.setRate(101, T0 + 20);
      const g = await b.limits.budget.take(1, 1, T0 + 20);
      assert.equal(g.granted, 0, "the bucket was drained");
      assert.deepEqual(g.shared, { rate: 80, lowered: true });
      // Having seen it, b's climbs count.
      await b.limits.budget.setRate(81, T0 + 30);
      const h = await a.limits.budget.take(1, 1, T0 + 1000);
      assert.equal(h.granted, 1);
      assert.deepEqual(h.shared, { rate: 81, lowered: false });
      // 81/s from the drain on: about 80 tokens a second later (one taken).
      const rest = await b.limits.budget.take(1, 1000, T0 + 1010);
      assert.ok(rest.granted >= 75 && rest.granted <= 81, `${rest.granted}`);
    });
  });

  it("instances share one daily quota, reserved ahead in batches and settled later", async () => {
    await withInstances(2, 100, async ([a, b]) => {
      await a.limits.ledger.sync(100, 0, T0);
      let granted = 0;
      for (let i = 0; i < 150; i++) {
        const { ledger } = i % 2 === 0 ? a.limits : b.limits;
        const r = await ledger.reserve(1, T0 + i);
        if (!r.granted) continue;
        granted += 1;
        await ledger.settle(1, true, T0 + i);
      }
      assert.equal(granted, 100);
      // What one instance reserved ahead and did not use goes back when it has been idle.
      const u = await a.limits.ledger.usage(T0 + 10_000);
      assert.equal(u.max, 100);
      assert.equal(u.used, 100);
      const r = await b.limits.ledger.reserve(1, T0 + 20_000);
      assert.equal(r.granted, false);
      assert.ok(!r.granted && r.freeAt !== undefined && r.freeAt > T0 + DAY_MS - 1000);
      // A day later the window is empty again.
      assert.equal((await b.limits.ledger.reserve(1, T0 + 151 + DAY_MS + 1000)).granted, true);
    });
  });

  it("SES's own count and an exhausted answer hold every instance", async () => {
    await withInstances(2, 100, async ([a, b]) => {
      await a.limits.ledger.sync(1000, 990, T0);
      const u = await b.limits.ledger.usage(T0 + 1);
      assert.deepEqual(u, { max: 1000, used: 990, remaining: 10 });
      await b.limits.ledger.sync(1000, 10, T0 + 2);
      await a.limits.ledger.markExhausted(T0 + 3);
      assert.equal((await b.limits.ledger.reserve(1, T0 + 4)).granted, false);
    });
  });
});
