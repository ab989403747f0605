import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { startTestApp, type TestApp, waitFor } from "./support/app.ts";

const KEY = "python-example-key-0123456789";
const SCRIPT = fileURLToPath(new URL("python/readme_example.py", import.meta.url));
const python = spawnSync("python3", ["--version"]).status === 0;

/** Runs a program to its end; resolves with its exit code and output. */
function run(cmd: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the original README's Python client example", {
  skip: python ? false : "python3 is not installed: the Python 3 example is not run",
}, () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ ASYNCSES_API_KEYS: KEY });
  });
  after(() => app.dispose());

  it("queues its message and prints the original answer", async () => {
    const { code, stdout, stderr } = await run("python3", [SCRIPT], {
      ASYNCSES_URL: app.url.replace("127.0.0.1", "localhost"),
      ASYNCSES_API_KEY: KEY,
    });
    assert.equal(code, 0, stderr);
    assert.equal(stdout, "queued\nok\n");
    await waitFor(() => app.sender.sent.length === 1);
    const r = app.sender.sent[0]?.request;
    assert.equal(r?.from, "some@email.com");
    assert.deepEqual(r?.to, ["another@email.com"]);
    assert.equal(r?.subject, "Hello dude");
    assert.equal(r?.text, "AmazonSES test.");
    assert.equal(r?.html, "<b>AmazonSES</b> test.");
    assert.deepEqual(r?.headers, { "return-path": "thatsme@email.com" });
  });

  it("fails with HTTP 401 without the key", async () => {
    const { code, stderr } = await run("python3", [SCRIPT], {
      ASYNCSES_URL: app.url,
      ASYNCSES_API_KEY: "wrong-key-0123456789",
    });
    assert.notEqual(code, 0);
    assert.match(stderr, /HTTP Error 401/);
  });
});
