// The outbox's storage, durable (sqlite) against memory:
//   0. SQLite alone: accepts per second by group-commit size, synchronous=FULL against NORMAL;
//   1. unary Send/s and SendBatch messages/s against a server process whose SES never answers,
//      so the figures are acceptance alone (each answer only after its commit);
//   2. peak RSS of a store holding N queued messages, and of a server started on that queue.
//
//   node bench/store-bench.ts [--seconds 5] [--batch 50000] [--queued 1000000] [--only sqlite|memory]
//
// A child process runs each fill, so each peak RSS is its own.

import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { create, toBinary } from "@bufbuild/protobuf";
import { SendBatchRequestSchema, SendRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { createMemoryStore } from "../src/store/memory-store.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { NewMessage, Store } from "../src/store/types.ts";
import { newId } from "../src/util/id.ts";
import { connectClients } from "../test/support/clients.ts";
import { sendRequest } from "../test/support/mail.ts";
import { type ServerProcess, spawnServer } from "../test/support/server-process.ts";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string", default: "5" },
    batch: { type: "string", default: "50000" },
    queued: { type: "string", default: "1000000" },
    only: { type: "string" },
  },
});
const ENGINES = (opts.only ? [opts.only] : ["sqlite", "memory"]) as ("sqlite" | "memory")[];
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** VmHWM (peak RSS) and VmRSS of a process, in kB. */
async function memoryOf(pid: number | "self") {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb("VmHWM"), now: kb("VmRSS") };
}

/** An SES endpoint that takes every request and never answers: nothing leaves the outbox. */
async function blackHoleSes() {
  const server = createServer(() => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function startServer(engine: string, ses: string, dataDir: string): Promise<ServerProcess> {
  return spawnServer({
    ASYNCSES_STORE: engine,
    ASYNCSES_DATA_DIR: dataDir,
    ASYNCSES_SENDER: "ses",
    ASYNCSES_SES_ENDPOINT: ses,
    ASYNCSES_SES_TIMEOUT: "1h",
    ASYNCSES_OUTBOX_MAXSIZE: "100000000",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_EC2_METADATA_DISABLED: "true",
    ASYNCSES_LOG_LEVEL: "info",
  });
}

/** Unary Send with 64 calls in flight for `seconds`; returns calls per second. */
async function unary(url: string, seconds: number): Promise<number> {
  const { mail } = connectClients(url, "grpc");
  const req = sendRequest({ subject: "unary" });
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const loop = async () => {
    while (performance.now() < until) {
      await mail.send(req);
      done += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 64 }, loop));
  return done / ((performance.now() - start) / 1000);
}

/** `count` messages over 4 SendBatch streams; returns messages per second. */
async function batch(url: string, count: number): Promise<number> {
  const { mail } = connectClients(url, "grpc");
  const item = create(SendBatchRequestSchema, { message: sendRequest({ subject: "batch" }) });
  const one = async (n: number) => {
    const items = (async function* () {
      for (let i = 0; i < n; i++) yield item;
    })();
    for await (const a of mail.sendBatch(items)) {
      if (a.result.case !== "id")
        throw new Error(`item refused: ${JSON.stringify(a.result.value)}`);
    }
  };
  const start = performance.now();
  await Promise.all([0, 1, 2, 3].map(() => one(count / 4)));
  return count / ((performance.now() - start) / 1000);
}

/** Accepts per second straight into the SQLite store, by batch size and synchronous mode. */
async function syncModes(): Promise<string[]> {
  const rows: string[] = [];
  for (const sync of ["FULL", "NORMAL"] as const) {
    for (const size of [1, 10, 100, 1000]) {
      const dir = await mkdtemp(join(tmpdir(), "store-bench-sync-"));
      const store = openSqliteStore(dir, sync);
      const total = size === 1 ? 3000 : 30_000;
      const payload = new Uint8Array(1500);
      const start = performance.now();
      let worst = 0;
      for (let i = 0; i < total; i += size) {
        const now = Date.now();
        const items = Array.from({ length: size }, () => queuedMessage(now, payload));
        const t = performance.now();
        await store.accept(items, { maxBacklog: 1e9, idempotencySince: 0 });
        worst = Math.max(worst, performance.now() - t);
      }
      const rate = total / ((performance.now() - start) / 1000);
      rows.push(
        `sqlite ${sync.padEnd(6)} batch ${String(size).padStart(4)}: ${Math.round(rate)} accepts/s, ` +
          `${Math.round(rate / size)} commits/s, slowest call ${worst.toFixed(1)} ms`,
      );
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** A message as the outbox hands it to the store. */
function queuedMessage(now: number, payload: Uint8Array): NewMessage {
  return {
    id: newId(now),
    scope: "bench",
    idempotencyKey: "",
    contentHash: "",
    envelope: {
      from: "sender@example.com",
      to: ["a@example.com", "b@example.com"],
      cc: [],
      bcc: [],
      subject: "queued",
      configurationSet: "",
      tags: [],
    },
    payload,
    recipientCount: 2,
    acceptedAt: now,
  };
}

/** Child mode: fills one store with `n` queued messages and prints its figures as JSON. */
async function fill(engine: string, dataDir: string, n: number) {
  const store: Store = engine === "memory" ? createMemoryStore() : openSqliteStore(dataDir);
  const request = sendRequest({
    subject: "queued",
    to: ["a@example.com", "b@example.com"],
    text: "A line of a plain-text body. ".repeat(36),
  });
  const payload = toBinary(SendRequestSchema, request);
  const start = performance.now();
  for (let i = 0; i < n; i += 1000) {
    const now = Date.now();
    const items = Array.from({ length: Math.min(1000, n - i) }, () => queuedMessage(now, payload));
    await store.accept(items, { maxBacklog: 1e9, idempotencySince: 0 });
  }
  const seconds = (performance.now() - start) / 1000;
  const t = performance.now();
  const counts = await store.counts(Date.now());
  const countsMs = performance.now() - t;
  const mem = await memoryOf("self");
  await store.close();
  const fileMb =
    engine === "memory"
      ? 0
      : (await readdir(dataDir)).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0) /
        2 ** 20;
  console.log(JSON.stringify({ queued: counts.queued, seconds, countsMs, fileMb, ...mem }));
}

async function fillInChild(engine: string, dataDir: string, n: number) {
  const child = spawn(
    process.execPath,
    [import.meta.filename, "fill", engine, dataDir, String(n)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c;
  });
  await new Promise((r) => child.once("exit", r));
  return JSON.parse(out) as {
    queued: number;
    seconds: number;
    countsMs: number;
    fileMb: number;
    peak: number;
    now: number;
  };
}

async function main() {
  const seconds = Number(opts.seconds);
  const count = Number(opts.batch);
  const queued = Number(opts.queued);
  const ses = await blackHoleSes();
  const rows: string[] = [];
  if (ENGINES.includes("sqlite")) {
    const sync = await syncModes();
    console.log(sync.join("\n"));
    rows.push(...sync);
  }
  try {
    for (const engine of ENGINES) {
      const dir = await mkdtemp(join(tmpdir(), `store-bench-${engine}-`));
      try {
        const server = await startServer(engine, ses.url, dir);
        // Warm both sides up (JIT, connections) so the engine measured first is not penalised.
        await unary(server.url, 1);
        await batch(server.url, 4000);
        const sends = await unary(server.url, seconds);
        const streamed = await batch(server.url, count);
        const serverMem = await memoryOf(server.child.pid as number);
        server.kill("SIGKILL");
        await server.exited;
        await rm(dir, { recursive: true, force: true });

        const filled = await fillInChild(engine, dir, queued);
        let restart = "";
        if (engine === "sqlite") {
          // A server started on the full queue: its memory must not grow with the queue.
          const again = await startServer(engine, ses.url, dir);
          const { outbox } = connectClients(again.url, "grpc");
          await outbox.status({});
          const t = performance.now();
          const status = await outbox.status({});
          const statusMs = performance.now() - t;
          const m = await memoryOf(again.child.pid as number);
          again.kill("SIGKILL");
          await again.exited;
          restart = `server on it: peak RSS ${mb(m.peak)}, Status ${statusMs.toFixed(1)} ms (queued ${status.queued})`;
        }
        rows.push(
          `${engine}: unary Send ${Math.round(sends)}/s; SendBatch ${Math.round(streamed)} msgs/s; ` +
            `server peak RSS after those ${mb(serverMem.peak)}`,
          `${engine}: ${filled.queued} queued, filled in ${filled.seconds.toFixed(1)} s ` +
            `(${Math.round(filled.queued / filled.seconds)}/s); peak RSS ${mb(filled.peak)}; ` +
            `counts() ${filled.countsMs.toFixed(1)} ms` +
            (engine === "sqlite" ? `; file ${Math.round(filled.fileMb)} MB; ${restart}` : ""),
        );
        console.log(rows.slice(-2).join("\n"));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    ses.close();
  }
  console.log(`\nsummary (${new Date().toISOString()}):\n${rows.join("\n")}`);
}

if (positionals[0] === "fill") {
  await fill(positionals[1] as string, positionals[2] as string, Number(positionals[3]));
} else {
  await main();
}
