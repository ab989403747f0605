import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

/** A server started as its own process with `node src/main.ts`. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** The URL it logged, once listening. */
  readonly url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Sends a signal. */
  kill(signal: NodeJS.Signals): void;
}

/** Spawns the server with the environment given (on top of this process's) and waits until it listens. */
export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ASYNCSES_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c;
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const look = () => {
      const m = /"url":"(http[^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on("data", look);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited, kill: (s) => child.kill(s) };
}

/** Runs `node src/main.ts` to completion (for start-up failures) and returns its exit code and output. */
export async function runServerToExit(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c;
  });
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | string>((resolve) =>
    child.once("exit", (c, s) => resolve(c ?? s ?? "unknown")),
  );
  clearTimeout(timer);
  return { code, stdout, stderr };
}
