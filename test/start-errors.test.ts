import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DATABASE_FILE } from "../src/store/sqlite/open.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";

const MAIN = new URL("../src/main.ts", import.meta.url).pathname;
const root = await mkdtemp(join(tmpdir(), "asyncses-start-"));
after(() => rm(root, { recursive: true, force: true }));

/** Runs the server with ASYNCSES_DATA_DIR=dataDir; it is expected to give up at start. */
function start(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      ASYNCSES_DATA_DIR: dataDir,
      ASYNCSES_MAIL_DIR: join(root, "mail"),
      ASYNCSES_PORT: "0",
      ASYNCSES_LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

/** Asserts one clear line on stderr naming `path` and matching `problem`, and a failed exit. */
function assertOneLine(
  out: { code: number | null; stderr: string },
  path: string,
  problem: RegExp,
) {
  assert.notEqual(out.code, 0);
  assert.notEqual(out.code, null, "the server gave up instead of running");
  const lines = out.stderr.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, `one stderr line, got:\n${out.stderr}`);
  const line = lines[0] as string;
  assert.ok(line.startsWith("asyncses: cannot start: "), line);
  assert.ok(line.includes(path), `names ${path}: ${line}`);
  assert.match(line, problem);
  assert.doesNotMatch(out.stderr, /\n\s+at /, "no stack trace");
}

describe("a data folder that cannot be used stops the start with one clear line", () => {
  it("a database file that is not a database", async () => {
    const dir = join(root, "not-a-db");
    await mkdir(dir);
    await writeFile(join(dir, DATABASE_FILE), "plain text, not SQLite\n".repeat(100));
    assertOneLine(await start(dir), join(dir, DATABASE_FILE), /not an SQLite database/);
  });

  it("a data folder that is a file", async () => {
    const file = join(root, "a-file");
    await writeFile(file, "x");
    assertOneLine(await start(file), file, /is not a folder/);
  });

  it("a data folder that cannot be created (its parent is a file)", async () => {
    const file = join(root, "parent-file");
    await writeFile(file, "x");
    const dir = join(file, "sub");
    assertOneLine(await start(dir), dir, /part of the path is a file/);
  });

  it("a data folder in use by another process", async () => {
    const dir = join(root, "busy");
    const owner = openSqliteStore(dir);
    try {
      assertOneLine(await start(dir), dir, /in use by another AsyncSES process/);
    } finally {
      await owner.close();
    }
  });
});
