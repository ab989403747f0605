import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { createLimiterGate, type LimiterGate } from "../src/limits/limiter-gate.ts";
import { createLocalQuotaLedger, DAY_MS } from "../src/limits/quota-ledger.ts";
import { createTokenBucket } from "../src/limits/token-bucket.ts";
import type { Admission, GatePass } from "../src/outbox/send-gate.ts";
import type { SendFailure } from "../src/sender/outcome.ts";
import { createTestClock, type TestClock } from "./support/clock.ts";

const logger = pino({ level: "silent" });
const failure = (kind: SendFailure["kind"], extra: Partial<SendFailure> = {}): SendFailure => ({
  kind,
  code: kind,
  message: kind,
  rejected: false,
  ...extra,
});

function gate(
  clock: TestClock,
  opts: { rate?: number; quota?: number; maxWaitMs?: number; probeEveryMs?: number } = {},
): Promise<LimiterGate> {
  const g = createLimiterGate({
    budget: createTokenBucket({ rate: 1, now: clock.now() }),
    ledger: createLocalQuotaLedger(),
    clock,
    logger,
    configuredRate: undefined,
    initialRate: 1,
    probeEveryMs: opts.probeEveryMs ?? 10_000,
    maxWaitMs: opts.maxWaitMs ?? 60_000,
  });
  return g
    .applyQuota(
      { maxSendRate: opts.rate ?? 100, max24HourSend: opts.quota ?? -1, sentLast24Hours: 0 },
      clock.now(),
    )
    .then(() => g);
}

const go = (a: Admission): GatePass => {
  assert.equal(a.kind, "go", JSON.stringify(a));
  return (a as { pass: GatePass }).pass;
};
const signal = () => new AbortController().signal;

test("paces recipients at the rate, in order", async () => {
  const clock = createTestClock({ scale: 20 });
  const g = await gate(clock, { rate: 50 });
  const start = clock.now();
  const order: number[] = [];
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      g.acquire(5, signal()).then(async (a) => {
        order.push(i);
        times.push(clock.now() - start);
        await go(a).report({ kind: "sent" }, clock.now());
      }),
    ),
  );
  assert.deepEqual(
    order,
    Array.from({ length: 30 }, (_, i) => i),
  );
  // The bucket starts with what it held at the provisional rate (1), so there is no burst:
  // 150 recipients at 50/s take at least about 3 s of the clock (more on a busy machine).
  assert.ok(Math.max(...times) >= 2800, `last went at ${Math.max(...times)} ms`);
  // No second of the clock carries more than one burst (50) plus the rate (50).
  for (const t of times) {
    const inSecond = times.filter((u) => u >= t && u < t + 1000).length * 5;
    assert.ok(inSecond <= 100, `${inSecond} recipients in the second from ${t} ms`);
  }
});

test("a throttle lowers the working rate; Status counts it", async () => {
  const clock = createTestClock({ scale: 20 });
  const g = await gate(clock, { rate: 100 });
  const pass = go(await g.acquire(1, signal()));
  await pass.report(failure("throttled"), clock.now());
  const st = await g.status(clock.now());
  assert.equal(st.throttles, 1);
  assert.equal(st.rateLimit, 100);
  assert.ok(st.workingRate < 100);
});

test("the daily quota: sends up to it, then holds with the time the window frees", async () => {
  const clock = createTestClock({ scale: 20 });
  const g = await gate(clock, { rate: 1000, quota: 5 });
  const first = clock.now();
  for (let i = 0; i < 5; i++) {
    await go(await g.acquire(1, signal())).report({ kind: "sent" }, clock.now());
  }
  const held = await g.acquire(1, signal());
  assert.equal(held.kind, "later");
  assert.equal((held as { code: string }).code, "DailyQuotaExceeded");
  const until = (held as { until: number }).until;
  assert.ok(until >= first + DAY_MS && until < first + DAY_MS + 60_000);
  const st = await g.status(clock.now());
  assert.equal(st.hold?.reason, "quota");
  assert.deepEqual(
    { max: st.quota.max, used: st.quota.used, remaining: st.quota.remaining },
    { max: 5, used: 5, remaining: 0 },
  );
  clock.advance(DAY_MS + 10_000);
  go(await g.acquire(1, signal()));
  assert.equal((await g.status(clock.now())).hold, undefined);
});

test("SES's 'daily quota exceeded' holds until SES's count drops", async () => {
  const clock = createTestClock({ scale: 20 });
  const g = await gate(clock, { rate: 1000, quota: 100 });
  await go(await g.acquire(1, signal())).report(failure("quota"), clock.now());
  const held = await g.acquire(1, signal());
  assert.equal(held.kind, "later");
  assert.equal((await g.status(clock.now())).hold?.reason, "quota");
  await g.applyQuota({ maxSendRate: 1000, max24HourSend: 100, sentLast24Hours: 50 }, clock.now());
  go(await g.acquire(1, signal()));
});

test("paused: holds everyone, lets one probe through, resumes when SES accepts it", async () => {
  const clock = createTestClock({ scale: 20 });
  const g = await gate(clock, { rate: 1000, probeEveryMs: 5000 });
  const before = go(await g.acquire(1, signal()));
  const pass = go(await g.acquire(1, signal()));
  await pass.report(failure("paused", { message: "Account sending paused" }), clock.now());
  const st = await g.status(clock.now());
  assert.equal(st.hold?.reason, "paused");
  assert.equal(st.hold?.detail, "Account sending paused");
  const held = await Promise.all([g.acquire(1, signal()), g.acquire(1, signal())]);
  assert.deepEqual(
    held.map((a) => [a.kind, (a as { code?: string }).code]),
    [
      ["later", "AccountSendingPaused"],
      ["later", "AccountSendingPaused"],
    ],
  );
  // A send that went before the pause and is accepted says nothing about the pause.
  await before.report({ kind: "sent" }, clock.now());
  assert.equal((await g.status(clock.now())).hold?.reason, "paused");
  clock.advance(5000);
  const probe = go(await g.acquire(1, signal()));
  assert.equal((await g.acquire(1, signal())).kind, "later");
  await probe.report({ kind: "sent" }, clock.now());
  assert.equal((await g.status(clock.now())).hold, undefined);
  go(await g.acquire(1, signal()));
});

test("a message waiting longer than maxWaitMs goes back to the queue; abort frees a waiter", async () => {
  const clock = createTestClock({ scale: 1 });
  const g = await gate(clock, { rate: 10, maxWaitMs: 1500 });
  await go(await g.acquire(10, signal())).report({ kind: "sent" }, clock.now());
  const abort = new AbortController();
  const waiting = g.acquire(1, abort.signal);
  abort.abort();
  assert.equal((await waiting).kind, "aborted");
  // 10 recipients each at 10/s: the first waits 1 s, the second would wait 2 s.
  const [b, c] = await Promise.all([
    g.acquire(10, signal()).then(async (a) => {
      await go(a).report({ kind: "sent" }, clock.now());
      return a;
    }),
    g.acquire(10, signal()),
  ]);
  assert.equal(b?.kind, "go");
  assert.equal(c?.kind, "later");
  assert.equal((c as { code: string }).code, "RateWait");
});

test("ambiguous timeouts are counted and kept in the quota ledger", async () => {
  const clock = createTestClock({ scale: 20 });
  const g = await gate(clock, { rate: 1000, quota: 10 });
  await go(await g.acquire(3, signal())).report(
    failure("transient", { ambiguous: true }),
    clock.now(),
  );
  await go(await g.acquire(2, signal())).report(failure("transient"), clock.now());
  const st = await g.status(clock.now());
  assert.equal(st.ambiguousTimeouts, 1);
  assert.equal(st.quota.used, 3);
});

test("estimates when a backlog is sent: the rate, the quota, unknown while paused", async () => {
  const clock = createTestClock({ scale: 1 });
  const g = await gate(clock, { rate: 10, quota: 100 });
  const now = clock.now();
  assert.equal(await g.estimateDone(50, now), now + 5000);
  assert.equal(await g.estimateDone(500, now), undefined);
  await go(await g.acquire(1, signal())).report(failure("paused"), clock.now());
  assert.equal(await g.estimateDone(5, clock.now()), undefined);
});

test("tokens are taken from the budget in batches, so a shared engine is asked less often", async () => {
  const clock = createTestClock({ scale: 20 });
  const bucket = createTokenBucket({ rate: 1, now: clock.now() });
  let takes = 0;
  const counting = {
    ...bucket,
    take: (min: number, max: number, now: number) => {
      takes += 1;
      return bucket.take(min, max, now);
    },
  };
  const g = createLimiterGate({
    budget: counting,
    ledger: createLocalQuotaLedger(),
    clock,
    logger,
    configuredRate: undefined,
    initialRate: 1,
    probeEveryMs: 10_000,
    maxWaitMs: 60_000,
    batch: 9,
  });
  await g.applyQuota({ maxSendRate: 1000, max24HourSend: -1, sentLast24Hours: 0 }, clock.now());
  clock.advance(1000);
  for (let i = 0; i < 10; i++) {
    await go(await g.acquire(1, signal())).report({ kind: "sent" }, clock.now());
  }
  assert.equal(takes, 1);
});
