// Every process the benchmark starts: servers, the bare server, load generators, the bare SDK
// loop. Each is its own `node` process, so load never shares an event loop with what it
// measures. Whatever is still running when the benchmark exits is killed.

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A file of this repository, by its path from the repository root. */
export function repoPath(path: string): string {
  return fileURLToPath(new URL(`../${path}`, import.meta.url));
}

/** A long-running child that announced its URL. */
export interface Service {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** The last few kilobytes it wrote, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function track(child: ChildProcess): Promise<void> {
  running.add(child);
  return new Promise((resolve) => {
    child.once("exit", () => {
      running.delete(child);
      resolve();
    });
  });
}

/**
 * Starts `node ...nodeArgs script ...args` and waits for the first output line naming a "url" (a JSON
 * line such as the server's "listening" log). Later output is dropped except for a short
 * tail: a server logs a line per delivery, and keeping it would cost this process memory.
 */
export async function startService(
  name: string,
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  timeoutMs = 30_000,
): Promise<Service> {
  const child = spawn(process.execPath, [...nodeArgs, repoPath(script), ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = track(child);
  let tail = "";
  let found = false;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(found ? -4096 : -1_000_000);
  };
  child.stderr?.on("data", keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${tail}`));
    }, timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (found) return;
      const m = /"url":"(https?:[^"]+)"/.exec(tail);
      if (m) {
        found = true;
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `${name} exited (${child.exitCode ?? child.signalCode}) before listening:\n${tail}`,
        ),
      );
    });
  });
  return {
    name,
    pid: child.pid as number,
    url,
    tail: () => tail,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Runs `node script <json>` to completion and returns the JSON it printed last on stdout.
 * Killed after `timeoutMs`.
 */
export async function runJson<T>(
  script: string,
  input: unknown,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<T> {
  const child = spawn(process.execPath, [repoPath(script), JSON.stringify(input)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = track(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c;
  });
  child.stderr?.on("data", (c: Buffer) => {
    err = (err + c).slice(-8192);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  await exited;
  clearTimeout(timer);
  if (child.exitCode !== 0) {
    throw new Error(
      `${script} failed (${child.exitCode ?? child.signalCode}${child.signalCode === "SIGKILL" ? `, killed after ${timeoutMs} ms` : ""}):\n${err}`,
    );
  }
  const last = out.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${script} printed no JSON result:\n${out.slice(-2000)}\n${err}`);
  }
}
