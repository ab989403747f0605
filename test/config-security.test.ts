import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig, SETTINGS } from "../src/config/config.ts";
import { DEFAULT_MAIL_LIMITS } from "../src/mail/limits.ts";

const KEY = "config-test-key-0123456789";

describe("limits in the configuration", () => {
  it("default to the mail limits and a request a little larger than a message", () => {
    const c = loadConfig({});
    assert.deepEqual({ ...c.limits }, { ...DEFAULT_MAIL_LIMITS });
    assert.equal(c.maxRequestBytes, DEFAULT_MAIL_LIMITS.maxMessageBytes + 64 * 1024);
    assert.equal(c.streamWindow, 256);
  });

  it("read sizes with units and whole numbers", () => {
    const c = loadConfig({
      ASYNCSES_MAX_MESSAGE_SIZE: "2MB",
      ASYNCSES_MAX_REQUEST_SIZE: "512KB",
      ASYNCSES_MAX_ATTACHMENT_SIZE: "1048576",
      ASYNCSES_MAX_RECIPIENTS: "10",
      ASYNCSES_MAX_ATTACHMENTS: "3",
      ASYNCSES_MAX_HEADERS: "5",
      ASYNCSES_MAX_HEADER_LENGTH: "200",
      ASYNCSES_MAX_SUBJECT_LENGTH: "100",
      ASYNCSES_STREAM_WINDOW: "16",
    });
    assert.deepEqual(
      { ...c.limits },
      {
        maxMessageBytes: 2 * 1024 * 1024,
        maxAttachmentBytes: 1024 * 1024,
        maxRecipients: 10,
        maxAttachments: 3,
        maxHeaders: 5,
        maxHeaderLength: 200,
        maxSubjectLength: 100,
      },
    );
    assert.equal(c.maxRequestBytes, 512 * 1024);
    assert.equal(c.streamWindow, 16);
  });

  it("refuse values past SES's own limits, naming the variable", () => {
    for (const [name, value] of [
      ["ASYNCSES_MAX_RECIPIENTS", "51"],
      ["ASYNCSES_MAX_MESSAGE_SIZE", "11MB"],
      ["ASYNCSES_MAX_MESSAGE_SIZE", "ten"],
      ["ASYNCSES_MAX_REQUEST_SIZE", "1GB"],
    ] as const) {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (err: unknown) => err instanceof ConfigError && err.message.startsWith(`${name}=`),
      );
    }
  });

  it("are all in the settings table", () => {
    const names: string[] = Object.values(SETTINGS).map((s) => s.name);
    for (const n of ["ASYNCSES_API_KEYS", "ASYNCSES_API_KEYS_FILE", "ASYNCSES_MAX_REQUEST_SIZE"]) {
      assert.ok(names.includes(n), n);
    }
  });
});

describe("keys in the configuration", () => {
  it("come from the variable and the file together", async () => {
    const dir = await mkdtemp(join(tmpdir(), "asyncses-keys-"));
    try {
      const file = join(dir, "keys");
      await writeFile(file, "# keys\nfile-key-0123456789abcdef name=ops\n");
      const c = loadConfig({ ASYNCSES_API_KEYS: KEY, ASYNCSES_API_KEYS_FILE: file });
      assert.equal(c.apiKeys.length, 2);
      assert.equal(c.apiKeys[1]?.scope, "ops");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("say so in one line when the file cannot be read", () => {
    assert.throws(
      () => loadConfig({ ASYNCSES_API_KEYS_FILE: "/nonexistent/keys" }),
      /^ConfigError: ASYNCSES_API_KEYS_FILE=\/nonexistent\/keys cannot be read \(ENOENT\)$/,
    );
  });

  it("are required to listen on anything but loopback", () => {
    for (const host of ["0.0.0.0", "::", "192.0.2.1"]) {
      assert.throws(
        () => loadConfig({ ASYNCSES_HOST: host }),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.message.includes(`ASYNCSES_HOST=${host} is not a loopback address`) &&
          err.message.includes("ASYNCSES_API_KEYS"),
      );
    }
    assert.equal(loadConfig({ ASYNCSES_HOST: "0.0.0.0", ASYNCSES_API_KEYS: KEY }).host, "0.0.0.0");
    assert.equal(loadConfig({ ASYNCSES_HOST: "localhost" }).apiKeys.length, 0);
    assert.equal(loadConfig({ ASYNCSES_HOST: "::1" }).apiKeys.length, 0);
  });
});

describe("the server started on a public address without keys", () => {
  it("refuses to start with one clear line and a non-zero exit", async () => {
    const child = spawn(process.execPath, ["src/main.ts"], {
      cwd: new URL("..", import.meta.url),
      env: { PATH: process.env.PATH, ASYNCSES_HOST: "0.0.0.0", ASYNCSES_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.notEqual(code, 0);
    assert.equal(stdout, "");
    const lines = stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, stderr);
    assert.match(
      lines[0] ?? "",
      /^asyncses: configuration error: ASYNCSES_HOST=0\.0\.0\.0 is not a loopback address and no API keys are configured: set ASYNCSES_API_KEYS or ASYNCSES_API_KEYS_FILE, or listen on 127\.0\.0\.1$/,
    );
  });
});
