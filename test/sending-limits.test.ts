// The sending limits end to end: the app in this process, the real SES client, and the fake SES
// enforcing rate, quota and pause. Both read one test clock that runs `SCALE` times faster than
// real time, so "per second" means per second of that clock: the sizes are the issue's, and a
// two-minute run at 50 recipients per second takes 30 seconds.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { SendBatchRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { MessageState } from "../gen/ts/asyncses/v1/message_pb.js";
import { HoldReason } from "../gen/ts/asyncses/v1/outbox_pb.js";
import type { App } from "../src/app.ts";
import { DAY_MS } from "../src/limits/quota-ledger.ts";
import { startSesTestApp, startTestApp, waitFor } from "./support/app.ts";
import { type Clients, connectClients } from "./support/clients.ts";
import { createTestClock, type TestClock } from "./support/clock.ts";
import { createFakeSes, type FakeSes, type FakeSesOptions } from "./support/fake-ses/index.ts";

const SCALE = 4;

interface Rig {
  readonly clock: TestClock;
  readonly fake: FakeSes;
  readonly app: App;
  readonly c: Clients;
  close(): Promise<void>;
}

async function rig(fakeOptions: FakeSesOptions, env: Record<string, string> = {}): Promise<Rig> {
  const clock = createTestClock({ scale: SCALE });
  const fake = await createFakeSes({ now: () => clock.now(), ...fakeOptions });
  const app = await startSesTestApp(fake.url, env, { clock });
  return {
    clock,
    fake,
    app,
    c: connectClients(app.url, "grpc"),
    async close() {
      await app.dispose();
      await fake.close();
    },
  };
}

/** 1 to 5 recipients, spread evenly; `bad` recipients are refused by the fake. */
const recipientsOf = (i: number) => 1 + ((i * 7) % 5);

async function* messages(
  n: number,
  opts: { recipients?: (i: number) => number; to?: (i: number) => string[] } = {},
): AsyncIterable<MessageInitShape<typeof SendBatchRequestSchema>> {
  const count = opts.recipients ?? recipientsOf;
  for (let i = 0; i < n; i++) {
    const to = opts.to?.(i) ?? Array.from({ length: count(i) }, (_, k) => `r${i}.${k}@example.com`);
    yield { message: { from: "sender@example.com", to, subject: `m${i}`, text: "hello" } };
  }
}

async function queue(
  c: Clients,
  items: AsyncIterable<MessageInitShape<typeof SendBatchRequestSchema>>,
) {
  const ids: string[] = [];
  for await (const r of c.mail.sendBatch(items)) {
    assert.equal(r.result.case, "id", JSON.stringify(r.result));
    ids.push(r.result.value as string);
  }
  return ids;
}

async function allMessages(c: Clients) {
  const out = [];
  let pageToken = "";
  do {
    const page = await c.mail.listMessages({ pageSize: 1000, pageToken });
    out.push(...page.messages);
    pageToken = page.nextPageToken;
  } while (pageToken !== "");
  return out;
}

const settled = (c: Clients, n: number, timeoutMs: number) =>
  waitFor(
    async () => {
      const s = await c.outbox.status({});
      return Number(s.sent + s.failed) >= n;
    },
    timeoutMs,
    `${n} messages sent or failed`,
  );

test("at 50 recipients/s: 2,000 messages all delivered, none throttled, no second over rate + burst", async () => {
  const r = await rig({ rate: 50 });
  try {
    const started = performance.now();
    const ids = await queue(r.c, messages(2000));
    await settled(r.c, 2000, 90_000);
    const s = await r.c.outbox.status({});
    assert.equal(Number(s.sent), 2000);
    assert.equal(Number(s.failed), 0);
    assert.equal(r.fake.deliveries().length, 2000);
    assert.equal(r.fake.duplicates().size, 0);
    assert.equal(r.fake.stats().rateThrottles, 0, "SES throttled none of them");
    assert.equal(Number(s.limits?.throttles), 0);
    const busiest = r.fake.busiestWindow(1000);
    assert.ok(busiest <= 100, `busiest second carried ${busiest} recipients`);
    assert.equal(s.limits?.sesMaxSendRate, 50);
    assert.equal(s.limits?.rateLimit, 50);
    assert.equal(new Set(ids).size, 2000);
    process.stderr.write(
      `  2,000 messages at 50/s: ${Math.round(performance.now() - started)} ms real, busiest second ${busiest}\n`,
    );
  } finally {
    await r.close();
  }
});

test("SES reports 100/s but enforces 40/s: every message delivered, none failed, the working rate settles near 40", async () => {
  const r = await rig({ rate: 40, maxSendRate: 100 });
  try {
    await queue(r.c, messages(800));
    // Sample the working rate while it runs: AIMD's rate is a sawtooth around the real limit.
    const samples: Array<{ delivered: number; rate: number }> = [];
    await waitFor(
      async () => {
        const st = await r.c.outbox.status({});
        samples.push({ delivered: Number(st.sent), rate: st.limits?.workingSendRate ?? 0 });
        await new Promise((resolve) => setTimeout(resolve, 100));
        return Number(st.sent + st.failed) >= 800;
      },
      90_000,
      "800 messages sent or failed",
    );
    const s = await r.c.outbox.status({});
    assert.equal(Number(s.sent), 800);
    assert.equal(Number(s.failed), 0);
    assert.equal(r.fake.deliveries().length, 800);
    const throttled = r.fake.stats().rateThrottles;
    assert.ok(throttled > 0, "the fake throttled some sends");
    assert.equal(Number(s.limits?.throttles), throttled);
    // Throttled sends went back to the queue without spending an attempt.
    for (const m of await allMessages(r.c))
      assert.equal(m.attempts, 1, `${m.id} took ${m.attempts}`);
    // Settled: once a quarter of the messages went, the working rate averages near 40.
    const settledRates = samples.filter((x) => x.delivered >= 200).map((x) => x.rate);
    const working = settledRates.reduce((a, b) => a + b, 0) / settledRates.length;
    assert.ok(working >= 34 && working <= 46, `working rate averaged ${working}`);
    assert.ok(Math.max(...settledRates) <= 60 && Math.min(...settledRates) >= 24);
    // The rate achieved once settled (the second half of the run) is near 40 too.
    const d = r.fake.deliveries();
    const half = d.slice(d.length / 2);
    const span = ((half.at(-1)?.time ?? 0) - (half[0]?.time ?? 0)) / 1000;
    const achieved = half.reduce((n, x) => n + x.recipients, 0) / span;
    assert.ok(achieved >= 28 && achieved <= 44, `achieved ${achieved.toFixed(1)}/s`);
    process.stderr.write(
      `  100 reported, 40 enforced: ${throttled} throttles, working rate averaged ${working.toFixed(1)}/s (${Math.min(...settledRates).toFixed(1)} to ${Math.max(...settledRates).toFixed(1)}), achieved ${achieved.toFixed(1)}/s\n`,
    );
  } finally {
    await r.close();
  }
});

test("20% transient faults: every message delivered; rejections failed with SES's reason after one attempt", async () => {
  const r = await rig(
    { rate: 200, rejectAddresses: ["refused@example.com"] },
    { ASYNCSES_SES_TIMEOUT: "400ms" },
  );
  try {
    const good = (call: { destinations: readonly string[] }) =>
      !call.destinations.includes("refused@example.com");
    // About 20% of calls in all: 503s, 500s, connection resets, and replies slower than the
    // client's timeout, some of which SES did deliver (the ambiguous case).
    r.fake.inject({ kind: "status", status: 503 }, { probability: 0.1, when: good });
    r.fake.inject({ kind: "status", status: 500 }, { probability: 0.04, when: good });
    r.fake.inject({ kind: "reset" }, { probability: 0.04, when: good });
    r.fake.inject({ kind: "slow", ms: 800, delivered: false }, { probability: 0.02, when: good });
    r.fake.inject({ kind: "slow", ms: 800, delivered: true }, { probability: 0.01, when: good });
    const rejected = new Set<number>();
    const ids = await queue(
      r.c,
      messages(400, {
        to: (i) => {
          if (i % 40 !== 7) return [`r${i}@example.com`];
          rejected.add(i);
          return ["refused@example.com"];
        },
      }),
    );
    await settled(r.c, 400, 120_000);
    const s = await r.c.outbox.status({});
    assert.equal(Number(s.sent), 400 - rejected.size);
    assert.equal(Number(s.failed), rejected.size);
    assert.equal(Number(s.rejected), rejected.size);
    const faults = r.fake.stats().faults;
    const fired = Object.values(faults).reduce((a, b) => a + b, 0);
    assert.ok(fired >= 40, `only ${fired} faults fired`);
    // Each message that should go went (a slow-but-delivered one may have gone twice).
    const delivered = r.fake.countsBy();
    for (let i = 0; i < 400; i++) {
      if (!rejected.has(i)) assert.ok((delivered.get(`m${i}`) ?? 0) >= 1, `m${i} delivered`);
    }
    const ambiguous = Number(s.limits?.ambiguousTimeouts);
    assert.ok(ambiguous >= (faults.slow ?? 0), "every slow reply counted as ambiguous");
    assert.ok(r.fake.duplicates().size <= ambiguous, "duplicates only from ambiguous timeouts");
    for (const i of rejected) {
      const m = (await r.c.mail.getMessage({ id: ids[i] as string })).message;
      assert.equal(m?.state, MessageState.FAILED);
      assert.equal(m?.attempts, 1);
      assert.equal(m?.lastError?.code, "MessageRejected");
      assert.match(m?.lastError?.message ?? "", /not verified/);
      assert.equal(m?.lastError?.permanent, true);
    }
    process.stderr.write(
      `  transient faults: ${JSON.stringify(faults)}; ambiguous ${ambiguous}; duplicates ${r.fake.duplicates().size}\n`,
    );
  } finally {
    await r.close();
  }
});

test("a daily quota of 500 with 800 queued: 500 sent, 300 held (not failed), sent when the window frees", async () => {
  const r = await rig({ rate: 100, dailyLimit: 500 });
  try {
    const firstAt = r.clock.now();
    const ids = await queue(r.c, messages(800, { recipients: () => 1 }));
    await waitFor(
      async () => {
        const s = await r.c.outbox.status({});
        return Number(s.sent) === 500 && Number(s.queued) === 300 && Number(s.inFlight) === 0;
      },
      30_000,
      "500 sent and 300 held",
    );
    const s = await r.c.outbox.status({});
    assert.equal(Number(s.failed), 0);
    assert.equal(s.limits?.held, true);
    assert.equal(s.limits?.holdReason, HoldReason.DAILY_QUOTA);
    assert.equal(s.limits?.max24HourSend, 500);
    assert.equal(s.limits?.quotaUsed, 500);
    assert.equal(s.limits?.quotaRemaining, 0);
    const resumeAt = Number(s.limits?.resumeAt?.seconds) * 1000;
    assert.ok(
      resumeAt > firstAt + DAY_MS - 1000 && resumeAt < r.clock.now() + DAY_MS,
      "resumes a day after the first sends",
    );
    assert.equal(Number(s.retryWaiting), 300);
    assert.ok(s.backlogEta !== undefined && Number(s.backlogEta.seconds) > 20 * 3600);
    assert.equal(r.fake.deliveries().length, 500);
    assert.equal(r.fake.stats().dailyThrottles, 0, "held before SES had to refuse");
    const held = await allMessages(r.c);
    const waiting = held.filter((m) => m.state === MessageState.QUEUED);
    assert.equal(waiting.length, 300);
    for (const m of waiting) {
      assert.equal(m.lastError?.code, "DailyQuotaExceeded");
      assert.equal(m.attempts, 0);
    }

    r.clock.advance(DAY_MS + 60_000);
    await settled(r.c, 800, 30_000);
    const after = await r.c.outbox.status({});
    assert.equal(Number(after.sent), 800);
    assert.equal(Number(after.failed), 0);
    assert.equal(after.limits?.held, false);
    assert.equal(r.fake.deliveries().length, 800);
    assert.equal(new Set(ids).size, 800);
  } finally {
    await r.close();
  }
});

test("the account paused mid-run: sending stops, nothing fails, and it resumes when SES un-pauses", async () => {
  const r = await rig({ rate: 100 }, { ASYNCSES_PAUSE_PROBE: "3s" });
  try {
    // Enough backlog that the pause always lands mid-run, however loaded the machine.
    await queue(r.c, messages(1000));
    await waitFor(() => r.fake.deliveries().length >= 100, 30_000, "100 deliveries");
    r.fake.pause();
    await waitFor(
      async () => (await r.c.outbox.status({})).limits?.holdReason === HoldReason.ACCOUNT_PAUSED,
      10_000,
      "held for the pause",
    );
    const atPause = r.fake.deliveries().length;
    // Ten seconds of the clock: a few probes, nothing delivered, nothing failed.
    const from = r.clock.now();
    await waitFor(() => r.clock.now() - from >= 10_000, 10_000, "10 s on the clock");
    const s = await r.c.outbox.status({});
    assert.equal(r.fake.deliveries().length, atPause);
    assert.equal(Number(s.failed), 0);
    assert.equal(s.limits?.held, true);
    assert.match(s.limits?.holdDetail ?? "", /paused|disabled/i);
    assert.ok(s.limits?.resumeAt !== undefined, "tells when the next probe goes");
    const pausedAnswers = r.fake.stats().paused;
    assert.ok(pausedAnswers <= 60, `${pausedAnswers} sends hit the paused account`);

    r.fake.resume();
    await settled(r.c, 1000, 60_000);
    const after = await r.c.outbox.status({});
    assert.equal(Number(after.sent), 1000);
    assert.equal(Number(after.failed), 0);
    assert.equal(after.limits?.held, false);
    assert.equal(r.fake.deliveries().length, 1000);
  } finally {
    await r.close();
  }
});

test("the file sender honours ASYNCSES_MAX_SEND_RATE too", async () => {
  const clock = createTestClock({ scale: SCALE });
  const app = await startTestApp({ ASYNCSES_MAX_SEND_RATE: "50" }, { clock });
  try {
    const times: number[] = [];
    app.sender.failWith = () => {
      times.push(clock.now());
      return undefined;
    };
    const c = connectClients(app.url, "grpc");
    await queue(c, messages(100, { recipients: () => 3 }));
    await waitFor(() => app.sender.sent.length === 100, 30_000, "100 deliveries");
    // 300 recipients at 50/s: about 6 s of the clock, and no second over 100.
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    assert.ok(span >= 5000 && span <= 7500, `took ${span} ms`);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[j] as number) <= (times[i] as number) - 1000) j++;
      busiest = Math.max(busiest, (i - j + 1) * 3);
    }
    assert.ok(busiest <= 100, `busiest second carried ${busiest}`);
    const s = await c.outbox.status({});
    assert.equal(s.limits?.configuredMaxSendRate, 50);
    assert.equal(s.limits?.sesMaxSendRate, 0);
    assert.equal(s.limits?.rateLimit, 50);
    assert.equal(s.limits?.max24HourSend, -1);
  } finally {
    await app.dispose();
  }
});
