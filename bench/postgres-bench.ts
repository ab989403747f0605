// Ingest and delivery with one and with three instances on PostgreSQL, beside SQLite on one:
//
//   1. Ingest: server processes whose SES endpoint takes every request and never answers (so
//      nothing leaves the outbox): unary Send with 64 calls in flight, spread over the
//      instances, for `--seconds`; then `--batch` messages over 4 SendBatch streams, spread too.
//   2. Delivery: `--queued` one-recipient messages put straight into the store, then the server
//      processes start against the fake SES (its own process, 20 ms latency, no rate enforced,
//      MaxSendRate far above what is sent): deliveries per second from the first to the last,
//      and from the first to 90% (before the tail of retries, if any).
//
//   node bench/postgres-bench.ts [--seconds 5] [--batch 40000] [--queued 20000] [--workers 50]
//                                [--only sqlite|pg1|pg3]
//
// PostgreSQL comes from scripts/postgres.sh (or ASYNCSES_TEST_DATABASE_URL); each run makes a
// database of its own and drops it.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { create, toBinary } from "@bufbuild/protobuf";
import { SendBatchRequestSchema, SendRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { NewMessage, Store } from "../src/store/types.ts";
import { newId } from "../src/util/id.ts";
import { connectClients } from "../test/support/clients.ts";
import { startFakeSesProcess } from "../test/support/fake-ses/index.ts";
import { sendRequest } from "../test/support/mail.ts";
import { createTestDatabase, postgresMissing } from "../test/support/postgres.ts";

const { values: opts } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    batch: { type: "string", default: "40000" },
    queued: { type: "string", default: "20000" },
    workers: { type: "string", default: "50" },
    only: { type: "string" },
  },
});
const MAIN = new URL("../src/main.ts", import.meta.url).pathname;
// Servers still running if this program fails are not left behind.
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

interface Setup {
  readonly name: string;
  readonly engine: "sqlite" | "postgres";
  readonly instances: number;
}
const SETUPS: Setup[] = [
  { name: "sqlite", engine: "sqlite", instances: 1 },
  { name: "pg1", engine: "postgres", instances: 1 },
  { name: "pg3", engine: "postgres", instances: 3 },
].filter((s) => opts.only === undefined || s.name === opts.only) as Setup[];

/** Where a setup keeps its outbox: a data folder, or a database of its own. */
interface Place {
  readonly env: Record<string, string>;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

async function place(setup: Setup): Promise<Place> {
  if (setup.engine === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "pg-bench-sqlite-"));
    return {
      env: { ASYNCSES_STORE: "sqlite", ASYNCSES_DATA_DIR: dir },
      open: async () => openSqliteStore(dir),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const db = await createTestDatabase("bench");
  return {
    env: { ASYNCSES_STORE: "postgres", ASYNCSES_DATABASE_URL: db.url },
    open: () => openPostgresStore({ url: db.url, poolSize: 4 }),
    drop: () => db.drop(),
  };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node src/main.ts` quietly (warn logs) and waits until Status answers. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ASYNCSES_PORT: String(port),
      ASYNCSES_LOG_LEVEL: "warn",
      ASYNCSES_SENDER: "ses",
      ASYNCSES_OUTBOX_MAXSIZE: "100000000",
      ASYNCSES_WORKERS: opts.workers,
      ASYNCSES_SHUTDOWN_TIMEOUT: "2s",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "bench",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_EC2_METADATA_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`${url}/asyncses.v1.OutboxService/Status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      if (res.ok) break;
      throw new Error(`Status answered ${res.status}`);
    } catch (err) {
      if (i > 300 || child.exitCode !== null)
        throw new Error(`server on ${url} did not start (exit ${child.exitCode})`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** An SES endpoint that takes every request and never answers. */
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

/** Unary Send with 64 calls in flight, spread over the servers, for `seconds`: calls/s. */
async function unary(urls: string[], seconds: number): Promise<number> {
  const clients = urls.map((u) => connectClients(u, "grpc").mail);
  const req = sendRequest({ subject: "unary" });
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const loop = async (i: number) => {
    const mail = clients[i % clients.length] as (typeof clients)[number];
    while (performance.now() < until) {
      await mail.send(req);
      done += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 64 }, (_, i) => loop(i)));
  return done / ((performance.now() - start) / 1000);
}

/** `count` messages over 4 SendBatch streams, spread over the servers: messages/s. */
async function batch(urls: string[], count: number): Promise<number> {
  const item = create(SendBatchRequestSchema, { message: sendRequest({ subject: "batch" }) });
  const one = async (url: string, n: number) => {
    const { mail } = connectClients(url, "grpc");
    const items = (async function* () {
      for (let i = 0; i < n; i++) yield item;
    })();
    for await (const a of mail.sendBatch(items)) {
      if (a.result.case !== "id") throw new Error(`refused: ${JSON.stringify(a.result.value)}`);
    }
  };
  const start = performance.now();
  await Promise.all([0, 1, 2, 3].map((i) => one(urls[i % urls.length] as string, count / 4)));
  return count / ((performance.now() - start) / 1000);
}

/** Puts `n` one-recipient messages (subjects `queued <i>`) in the store, as the outbox would. */
async function fill(store: Store, n: number) {
  for (let i = 0; i < n; i += 1000) {
    const now = Date.now();
    const items = Array.from({ length: Math.min(1000, n - i) }, (_, k): NewMessage => {
      const subject = `queued ${i + k}`;
      return {
        id: newId(now),
        scope: "bench",
        idempotencyKey: "",
        contentHash: "",
        envelope: {
          from: "sender@example.com",
          to: ["a@example.com"],
          cc: [],
          bcc: [],
          subject,
          configurationSet: "",
          tags: [],
        },
        payload: toBinary(
          SendRequestSchema,
          sendRequest({ subject, to: ["a@example.com"], text: "hello" }),
        ),
        recipientCount: 1,
        acceptedAt: now,
      };
    });
    await store.accept(items, { maxBacklog: 1e9, idempotencySince: 0 });
  }
}

async function ingest(setup: Setup) {
  const where = await place(setup);
  const ses = await blackHoleSes();
  // One worker each, and a short SES timeout (reading SES's limits at start waits for it):
  // the black hole holds about one message per instance a second.
  const env = {
    ...where.env,
    ASYNCSES_SES_ENDPOINT: ses.url,
    ASYNCSES_WORKERS: "1",
    ASYNCSES_SES_TIMEOUT: "1s",
  };
  const servers = await Promise.all(
    Array.from({ length: setup.instances }, () => startServer(env)),
  );
  try {
    const urls = servers.map((s) => s.url);
    await unary(urls, 1); // warm-up
    const sends = await unary(urls, Number(opts.seconds));
    const streamed = await batch(urls, Number(opts.batch));
    return { unary: Math.round(sends), sendBatch: Math.round(streamed) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    ses.close();
    await where.drop();
  }
}

async function delivery(setup: Setup) {
  const n = Number(opts.queued);
  const where = await place(setup);
  const store = await where.open();
  await fill(store, n);
  await store.close();
  const fake = await startFakeSesProcess([
    "--latency",
    "20",
    "--max-send-rate",
    "1000000",
    "--max-24h",
    "1000000000",
    "--no-raw",
  ]);
  const env = { ...where.env, ASYNCSES_SES_ENDPOINT: fake.url };
  const servers = await Promise.all(
    Array.from({ length: setup.instances }, () => startServer(env)),
  );
  try {
    const deadline = Date.now() + 600_000;
    while ((await fake.stats()).delivered < n) {
      if (Date.now() > deadline) throw new Error("delivery did not finish in 10 minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
    const times = (await fake.deliveries()).map((d) => d.time).sort((a, b) => a - b);
    const first = times[0] as number;
    const last = times[n - 1] as number;
    const p90 = times[Math.floor(n * 0.9) - 1] as number;
    const stats = await fake.stats();
    return {
      deliveredPerSecond: Math.round(n / ((last - first) / 1000)),
      first90PerSecond: Math.round((n * 0.9) / ((p90 - first) / 1000)),
      duplicates: Object.keys(stats.duplicates).length,
      throttles: stats.throttles,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await fake.stop();
    await where.drop();
  }
}

const missing = await postgresMissing();
const results: Record<string, unknown> = {};
for (const setup of SETUPS) {
  if (setup.engine === "postgres" && missing !== undefined) {
    console.error(`${setup.name}: skipped, ${missing}`);
    continue;
  }
  const i = await ingest(setup);
  const d = await delivery(setup);
  results[setup.name] = { instances: setup.instances, ...i, ...d };
  console.error(`${setup.name}: ${JSON.stringify(results[setup.name])}`);
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
