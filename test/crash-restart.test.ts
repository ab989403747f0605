import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { SendBatchRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { waitFor } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";
import { createFakeSes, type FakeSes } from "./support/fake-ses/index.ts";
import { sendRequest } from "./support/mail.ts";
import { type ServerProcess, spawnServer } from "./support/server-process.ts";
import { sesEnv } from "./support/ses-env.ts";

const TOTAL = 20_000;
/** GetSendQuota's MaxSendRate, which the server keeps to: far above what these runs can send. */
const UNLIMITED = 1_000_000;
const WORKERS = 20;
const root = await mkdtemp(join(tmpdir(), "asyncses-crash-"));
after(() => rm(root, { recursive: true, force: true }));

function start(fake: FakeSes, dataDir: string): Promise<ServerProcess> {
  return spawnServer({
    ...sesEnv(fake.url),
    ASYNCSES_DATA_DIR: dataDir,
    ASYNCSES_WORKERS: String(WORKERS),
    ASYNCSES_LOG_LEVEL: "info",
  });
}

/** A SendBatch stream of TOTAL messages with subjects `<prefix> <i>`. */
interface Streaming {
  /** Subjects answered with an id so far. */
  readonly acked: Set<string>;
  /** Resolves when the stream ends, normally or because the server went away. */
  readonly done: Promise<void>;
}

function stream(server: ServerProcess, prefix: string): Streaming {
  const { mail } = connectClients(server.url, "grpc");
  const subjects = Array.from({ length: TOTAL }, (_, i) => `${prefix} ${i}`);
  const items = (async function* () {
    for (const subject of subjects)
      yield create(SendBatchRequestSchema, { message: sendRequest({ subject }) });
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

/** Deliveries per subject of this run. */
function delivered(fake: FakeSes, prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of fake.deliveries()) {
    if (r.subject?.startsWith(`${prefix} `))
      counts.set(r.subject, (counts.get(r.subject) ?? 0) + 1);
  }
  return counts;
}

/** Starts the server again on the same folder and waits until every acked subject arrived. */
async function drainAfterRestart(fake: FakeSes, dir: string, prefix: string, acked: Set<string>) {
  const server = await start(fake, dir);
  try {
    await waitFor(
      () => {
        const got = delivered(fake, prefix);
        for (const s of acked) if (!got.has(s)) return false;
        return true;
      },
      300_000,
      "every acknowledged message delivered after the restart",
    );
    const { outbox } = connectClients(server.url, "connect");
    await waitFor(async () => (await outbox.status({})).outbox === 0n, 30_000, "an empty outbox");
  } finally {
    server.kill("SIGTERM");
    assert.equal(await server.exited, 0, server.output().slice(-2000));
  }
  return delivered(fake, prefix);
}

describe("nothing acknowledged is lost across a restart (sqlite, fake SES)", () => {
  it("kill -9 mid-run: every acked message is delivered, duplicates at most one per worker", async (t) => {
    const fake = await createFakeSes({ latency: 20, keepRaw: false, maxSendRate: UNLIMITED });
    try {
      const dir = join(root, "kill");
      const server = await start(fake, dir);
      const { acked, done } = stream(server, "crash");
      // Killed while both accepting and delivering.
      await waitFor(
        () => acked.size >= TOTAL / 2 && delivered(fake, "crash").size >= 500,
        120_000,
        "half the stream acknowledged and 500 deliveries",
      );
      server.kill("SIGKILL");
      assert.equal(await server.exited, "SIGKILL");
      await done;
      const before = delivered(fake, "crash").size;
      assert.ok(before < acked.size, "the kill came before the outbox drained");

      const got = await drainAfterRestart(fake, dir, "crash", acked);
      const missing = [...acked].filter((s) => !got.has(s));
      assert.deepEqual(missing, []);
      const duplicates = [...got.values()].filter((n) => n > 1).length;
      t.diagnostic(
        `acked ${acked.size} of ${TOTAL}, delivered before the kill ${before}, duplicates ${duplicates}`,
      );
      assert.ok(duplicates <= WORKERS, `${duplicates} duplicates for ${WORKERS} workers`);
      assert.ok(
        [...got.values()].every((n) => n <= 2),
        "no message delivered three times",
      );
    } finally {
      await fake.close();
    }
  });

  it("SIGTERM mid-run: everything is delivered exactly once after the restart", async () => {
    const fake = await createFakeSes({ latency: 20, keepRaw: false, maxSendRate: UNLIMITED });
    try {
      const dir = join(root, "term");
      const server = await start(fake, dir);
      const { acked, done } = stream(server, "term");
      await done;
      assert.equal(acked.size, TOTAL);
      await waitFor(() => delivered(fake, "term").size >= 2000, 120_000, "2000 deliveries");
      server.kill("SIGTERM");
      assert.equal(await server.exited, 0, server.output().slice(-2000));
      assert.ok(delivered(fake, "term").size < TOTAL, "the stop came before the outbox drained");

      const got = await drainAfterRestart(fake, dir, "term", acked);
      assert.equal(got.size, TOTAL);
      const twice = [...got].filter(([, n]) => n !== 1).map(([s]) => s);
      assert.deepEqual(twice, [], "delivered more than once");
    } finally {
      await fake.close();
    }
  });
});
