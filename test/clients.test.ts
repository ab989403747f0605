import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { App } from "../src/app.ts";
import { startSesTestApp, waitFor } from "./support/app.ts";
import { createFakeSes, type FakeSes } from "./support/fake-ses/index.ts";

// The generated Go, Python and Java clients, each driven by its proof program in clients/,
// against the server on a free port. scripts/install-clients.sh builds them (fast when done).

const root = fileURLToPath(new URL("..", import.meta.url));
const venv =
  process.env.ASYNCSES_CLIENTS_VENV ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "asyncses", "clients", "venv");

interface ClientRun {
  readonly name: string;
  /** The tag the program puts in its subjects: "[tag] token ...". */
  readonly tag: string;
  readonly protocol: string;
  readonly command: string;
  readonly args: readonly string[];
}

const RUNS: readonly ClientRun[] = [
  {
    name: "Go over gRPC (grpc-go)",
    tag: "go-grpc",
    protocol: "grpc",
    command: join(root, "clients/go/bin/asyncses-go-client"),
    args: ["-protocol", "grpc"],
  },
  {
    name: "Go over Connect (connect-go)",
    tag: "go-connect",
    protocol: "connect",
    command: join(root, "clients/go/bin/asyncses-go-client"),
    args: ["-protocol", "connect"],
  },
  {
    name: "Python over gRPC (grpcio)",
    tag: "python",
    protocol: "grpc",
    command: join(venv, "bin/python"),
    args: [join(root, "clients/python/asyncses_client_check.py")],
  },
  {
    name: "Java over gRPC (grpc-java)",
    tag: "java",
    protocol: "grpc",
    command: "java",
    args: ["-jar", join(root, "clients/java/target/asyncses-java-client.jar")],
  },
];

const BATCH = 1000;
const INVALID_INDEX = 500;

interface Summary {
  client: string;
  protocol: string;
  run_token: string;
  send: { id: string; subject: string; state: string };
  batch: {
    sent: number;
    received: number;
    accepted: number;
    errors: Array<{ index: number; code: string; message: string }>;
    ids: string[];
  };
  status: Record<string, number | string>;
  quota: { max_24_hour_send: number; sent_last_24_hours: number; max_send_rate: number };
  ok: boolean;
}

function runClient(
  run: ClientRun,
  addr: string,
  token: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [...run.args, "--addr", addr, "--run-token", token];
  return new Promise((resolve) => {
    execFile(
      run.command,
      args,
      { cwd: root, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("generated clients against the live server", () => {
  let app: App;
  let fake: FakeSes;
  let addr: string;

  before(async () => {
    const install = spawnSync("bash", [join(root, "scripts/install-clients.sh")], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      timeout: 900_000,
    });
    assert.equal(install.status, 0, "scripts/install-clients.sh failed");
    // The server keeps to GetSendQuota's MaxSendRate (the fake's default is 14/s); these runs
    // are about the clients, so the account allows more than 1,000 recipients a second.
    fake = await createFakeSes({ maxSendRate: 2000 });
    app = await startSesTestApp(fake.url);
    addr = new URL(app.url).host;
  });

  after(async () => {
    await app?.dispose();
    await fake?.close();
  });

  for (const run of RUNS) {
    test(run.name, async () => {
      const token = `${run.tag}-${randomUUID().slice(0, 8)}`;
      const result = await runClient(run, addr, token);
      assert.equal(result.code, 0, `${run.name} exited ${result.code}: ${result.stderr}`);
      const lines = result.stdout.trim().split("\n");
      assert.equal(lines.length, 1, "one JSON line on stdout");
      const summary = JSON.parse(lines[0] ?? "") as Summary;

      assert.equal(summary.ok, true);
      assert.equal(summary.protocol, run.protocol);
      assert.equal(summary.run_token, token);
      assert.ok(summary.send.id, "Send returned an id");
      assert.equal(summary.send.subject, `[${run.tag}] ${token} send`);
      assert.equal(summary.batch.sent, BATCH);
      assert.equal(summary.batch.received, BATCH);
      assert.equal(summary.batch.accepted, BATCH - 1);
      assert.equal(summary.batch.ids.length, BATCH - 1);
      assert.equal(new Set(summary.batch.ids).size, BATCH - 1, "batch ids are distinct");
      assert.deepEqual(
        summary.batch.errors.map(({ index, code }) => ({ index, code })),
        [{ index: INVALID_INDEX, code: "invalid_argument" }],
      );
      assert.equal(summary.status.sender, "ses");
      assert.equal(typeof summary.quota.max_24_hour_send, "number");

      // Every accepted message of this run reaches SES once, and nothing else of this run does.
      const expected = new Set([summary.send.id, ...summary.batch.ids]);
      const prefix = `[${run.tag}] ${token} `;
      const delivered = () => fake.deliveries().filter((r) => r.subject?.startsWith(prefix));
      await waitFor(() => delivered().length >= expected.size, 60_000, `${run.name} deliveries`);
      const records = delivered();
      assert.equal(records.length, expected.size, "each message delivered once");
      const sesIds = new Set(records.map((r) => r.messageId));
      for (const id of expected) {
        // SES answered; the worker records the outcome right after.
        await waitFor(
          async () => (await app.services.store.get(id))?.state === "sent",
          10_000,
          `${id} recorded as sent`,
        );
        const stored = await app.services.store.get(id);
        assert.ok(stored && sesIds.has(stored.sesMessageId), `message ${id} reached SES`);
      }
      for (const r of records) assert.deepEqual(r.destinations, ["rcpt@example.com"]);
    });
  }
});
