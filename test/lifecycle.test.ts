import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { waitFor } from "./support/app.ts";
import { connectClients } from "./support/clients.ts";
import { createFakeSes } from "./support/fake-ses/index.ts";
import { runServerToExit, spawnServer } from "./support/server-process.ts";
import { sesEnv } from "./support/ses-env.ts";

describe("process lifecycle", () => {
  test("SIGTERM finishes the SES calls in flight, then exits 0", async () => {
    const fake = await createFakeSes({ latency: 1500 });
    try {
      const server = await spawnServer({ ...sesEnv(fake.url), ASYNCSES_STORE: "memory" });
      const c = connectClients(server.url, "connect");
      const ids = await Promise.all(
        [1, 2, 3].map((i) =>
          c.mail.send({
            from: "s@example.com",
            to: ["r@example.com"],
            subject: `in flight ${i}`,
            text: "x",
          }),
        ),
      );
      assert.equal(ids.length, 3);
      // The three SES calls are running (1.5 s each) when the signal arrives.
      await waitFor(() => fake.received.length === 3, 5000, "calls reach SES");
      server.kill("SIGTERM");
      assert.equal(await server.exited, 0, server.output());
      const delivered = fake
        .deliveries()
        .map((r) => r.subject)
        .sort();
      assert.deepEqual(delivered, ["in flight 1", "in flight 2", "in flight 3"]);
      assert.match(server.output(), /shutting down/);
    } finally {
      await fake.close();
    }
  });

  test("the default start: file sender, and the .eml file appears within a second", async () => {
    const dir = mkdtempSync(join(tmpdir(), "asyncses-default-"));
    const server = await spawnServer({
      ASYNCSES_MAIL_DIR: join(dir, "mail"),
      ASYNCSES_DATA_DIR: join(dir, "data"),
    });
    try {
      assert.match(server.output(), /sender file delivers to .*mail/);
      const res = await fetch(`${server.url}/asyncses.v1.MailService/Send`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          from: "a@example.com",
          to: ["b@example.com"],
          subject: "hi",
          text: "hello",
        }),
      });
      assert.equal(res.status, 200);
      const { id } = (await res.json()) as { id: string };
      await waitFor(
        () => readdirSync(join(dir, "mail")).includes(`${id}.eml`),
        1000,
        "the .eml file",
      );
    } finally {
      server.kill("SIGTERM");
      assert.equal(await server.exited, 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a bad variable stops the start with one line naming it", async () => {
    for (const [name, value] of [
      ["ASYNCSES_WORKERS", "lots"],
      ["ASYNCSES_SENDER", "smtp"],
      ["ASYNCSES_PORT", "70000"],
      ["ASYNCSES_SES_TIMEOUT", "30"],
    ] as const) {
      const r = await runServerToExit({ [name]: value });
      assert.equal(r.code, 2, `${name}=${value}`);
      const lines = r.stderr.trim().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] ?? "", new RegExp(`^asyncses: configuration error: ${name}=`));
    }
  });
});
