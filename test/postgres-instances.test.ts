// Several server processes on one PostgreSQL database, delivering through one fake SES process
// that enforces 100 recipients per second: the outbox and the send rate are the account's,
// not each instance's.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { SendBatchRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { connectClients } from "./support/clients.ts";
import { type FakeSesProcess, startFakeSesProcess } from "./support/fake-ses/index.ts";
import { sendRequest } from "./support/mail.ts";
import { createTestDatabase, postgresMissing, type TestDatabase } from "./support/postgres.ts";
import { type ServerProcess, spawnServer } from "./support/server-process.ts";
import { sesEnv } from "./support/ses-env.ts";

const RATE = 100;
const WORKERS = 20;
const missing = await postgresMissing();
const root = await mkdtemp(join(tmpdir(), "asyncses-instances-"));
after(() => rm(root, { recursive: true, force: true }));

function start(fake: FakeSesProcess, db: TestDatabase, env: Record<string, string> = {}) {
  return spawnServer({
    ...sesEnv(fake.url),
    ASYNCSES_STORE: "postgres",
    ASYNCSES_DATABASE_URL: db.url,
    ASYNCSES_WORKERS: String(WORKERS),
    ASYNCSES_LOG_LEVEL: "info",
    ASYNCSES_DATA_DIR: join(root, "unused"),
    ...env,
  });
}

/**
 * Streams `count` one-recipient messages with subjects `<prefix> <i>` to a server, at most
 * `perSecond` a second when given.
 */
function stream(server: ServerProcess, prefix: string, count: number, perSecond?: number) {
  const { mail } = connectClients(server.url, "grpc");
  const subjects = Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
  const items = (async function* () {
    for (const [i, subject] of subjects.entries()) {
      if (perSecond !== undefined && i % 10 === 0 && i > 0)
        await new Promise((r) => setTimeout(r, (10 / perSecond) * 1000));
      yield create(SendBatchRequestSchema, { message: sendRequest({ subject }) });
    }
  })();
  const acked = new Set<string>();
  const done = (async () => {
    try {
      for await (const answer of mail.sendBatch(items)) {
        assert.equal(answer.result.case, "id", JSON.stringify(answer.result.value));
        acked.add(subjects[answer.index] as string);
      }
    } catch {
      // The server went away mid-stream: what was answered before counts.
    }
  })();
  return { acked, done };
}

/** Polls (every half second) until `check` holds. */
async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Deliveries per subject with the prefix. */
async function delivered(fake: FakeSesProcess, prefix: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of await fake.deliveries()) {
    if (r.subject?.startsWith(`${prefix} `))
      counts.set(r.subject, (counts.get(r.subject) ?? 0) + 1);
  }
  return counts;
}

/** Messages each server logged as delivered. */
const deliveriesLogged = (s: ServerProcess) => s.output().split('"msg":"delivered"').length - 1;

async function stopAll(servers: ServerProcess[]) {
  await Promise.all(
    servers.map(async (s) => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) return;
      s.kill("SIGTERM");
      assert.equal(await s.exited, 0, s.output().slice(-2000));
    }),
  );
}

describe("several instances on one PostgreSQL database", { skip: missing }, () => {
  it("three instances deliver 6,000 messages exactly once, together within the account's rate", async (t) => {
    const TOTAL = 6000;
    const fake = await startFakeSesProcess(["--rate", String(RATE), "--latency", "20", "--no-raw"]);
    const db = await createTestDatabase("three");
    const servers: ServerProcess[] = [];
    try {
      servers.push(...(await Promise.all([0, 1, 2].map(() => start(fake, db)))));
      const started = Date.now();
      const streams = servers.map((s, i) => stream(s, `multi-${i}`, TOTAL / 3));
      await Promise.all(streams.map((s) => s.done));
      assert.deepEqual(
        streams.map((s) => s.acked.size),
        [TOTAL / 3, TOTAL / 3, TOTAL / 3],
      );
      await until(
        async () => (await fake.stats()).delivered >= TOTAL,
        240_000,
        `${TOTAL} deliveries`,
      );
      const seconds = (Date.now() - started) / 1000;
      // Every instance's Status shows the shared outbox, and its own workers.
      for (const s of servers) {
        const { outbox } = connectClients(s.url, "connect");
        await until(async () => (await outbox.status({})).sent === BigInt(TOTAL), 10_000, "sent");
        const status = await outbox.status({});
        assert.equal(status.outbox, 0n);
        assert.equal(status.workers, WORKERS);
        assert.equal(status.store, "postgres");
      }

      const stats = await fake.stats();
      const got = new Map<string, number>();
      for (let i = 0; i < 3; i++)
        for (const [k, v] of await delivered(fake, `multi-${i}`)) got.set(k, v);
      assert.equal(got.size, TOTAL, "every message delivered");
      assert.deepEqual(
        [...got].filter(([, n]) => n !== 1),
        [],
        "delivered more than once",
      );
      assert.equal(stats.throttles, 0, "SES never throttled");
      const perInstance = servers.map(deliveriesLogged);
      t.diagnostic(
        `${TOTAL} delivered in ${seconds.toFixed(1)} s (${(TOTAL / seconds).toFixed(1)}/s); busiest second ${stats.busiestWindowMs1000}; per instance ${perInstance.join(", ")}`,
      );
      assert.ok(
        stats.busiestWindowMs1000 <= 2 * RATE,
        `busiest second ${stats.busiestWindowMs1000} > rate + burst`,
      );
      assert.ok(
        perInstance.every((n) => n > TOTAL / 10),
        `every instance sends: ${perInstance}`,
      );
    } finally {
      await stopAll(servers);
      await fake.stop();
      await db.drop();
    }
  });

  it("kill -9 of one instance mid-run: every accepted message is delivered, duplicates only its in-flight sends", async (t) => {
    // Half the count of the test above keeps CI time sane; the lease is short so that the
    // survivors requeue the dead instance's messages quickly.
    const TOTAL = 3000;
    const fake = await startFakeSesProcess(["--rate", String(RATE), "--latency", "20", "--no-raw"]);
    const db = await createTestDatabase("kill");
    const servers: ServerProcess[] = [];
    try {
      servers.push(
        ...(await Promise.all([0, 1, 2].map(() => start(fake, db, { ASYNCSES_LEASE: "5s" })))),
      );
      // Submitted at one and a half times the send rate in all: a backlog builds up (the
      // victim holds leases when it dies) and the kill comes mid-stream.
      const streams = servers.map((s, i) => stream(s, `kill-${i}`, TOTAL / 3, RATE / 2));
      const victim = servers[0] as ServerProcess;
      // Killed while accepting and delivering.
      await until(
        async () => deliveriesLogged(victim) >= 100 && (streams[0]?.acked.size ?? 0) >= 200,
        120_000,
        "the first instance accepting and delivering",
      );
      victim.kill("SIGKILL");
      assert.equal(await victim.exited, "SIGKILL");
      const killedAt = Date.now();
      await Promise.all(streams.map((s) => s.done));
      const acked = new Set(streams.flatMap((s) => [...s.acked]));
      t.diagnostic(`accepted ${acked.size} of ${TOTAL} (the killed instance's stream ended)`);
      assert.ok((streams[0]?.acked.size ?? 0) < TOTAL / 3, "the kill came before its stream ended");

      const all = async () => {
        const got = new Map<string, number>();
        for (let i = 0; i < 3; i++)
          for (const [k, v] of await delivered(fake, `kill-${i}`)) got.set(k, v);
        return got;
      };
      await until(
        async () => {
          const got = await all();
          for (const s of acked) if (!got.has(s)) return false;
          return true;
        },
        240_000,
        "every accepted message delivered",
      );
      const got = await all();
      const duplicates = [...got.values()].filter((n) => n > 1).length;
      const stats = await fake.stats();
      const requeued = servers
        .slice(1)
        .flatMap((s) => [...s.output().matchAll(/"requeued":(\d+)/g)])
        .reduce((sum, m) => sum + Number(m[1]), 0);
      t.diagnostic(
        `all accepted delivered ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill; the dead instance's leases requeued by the others: ${requeued}; duplicates ${duplicates}; throttles ${stats.throttles}; busiest second ${stats.busiestWindowMs1000}`,
      );
      assert.ok(requeued > 0, "the survivors took over the dead instance's leases");
      // The killed instance had at most its workers' sends in flight at SES.
      assert.ok(duplicates <= WORKERS, `${duplicates} duplicates for ${WORKERS} workers`);
      assert.ok(
        [...got.values()].every((n) => n <= 2),
        "no message delivered three times",
      );
      assert.equal(stats.throttles, 0, "SES never throttled");
      const { outbox } = connectClients(servers[1]?.url as string, "connect");
      await until(async () => (await outbox.status({})).outbox === 0n, 30_000, "an empty outbox");
    } finally {
      await stopAll(servers);
      await fake.stop();
      await db.drop();
    }
  });
});
