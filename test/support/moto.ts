// Runs moto's server (a third-party AWS emulator; we use its SES v1 API) as a child process on a
// free loopback port. Installed by `scripts/moto.sh install` into a venv outside the repo.
//
//   const moto = await startMoto();
//   if (moto === undefined) return t.skip(MOTO_MISSING);
//   const ses = new SESClient({ endpoint: moto.url, region: "us-east-1", ... });
//   ...
//   await moto.stop();
//
// moto's SES, as of the pinned 5.2.5 (see test/moto-harness.test.ts):
// - sends from an unverified Source are refused: SendEmail with MessageRejected
//   "Email address not verified <addr>", SendRawEmail with MessageRejected
//   "Did not have authority to send from email <addr>" (real SES words it differently).
//   Recipients are never checked (no sandbox rule). A verified domain covers its addresses.
// - VerifyEmailIdentity / VerifyDomainIdentity are Success at once; every identity, email ones
//   too, reports the same fixed VerificationToken.
// - GetSendQuota is fixed at Max24HourSend 200, MaxSendRate 1 (the sandbox defaults), with
//   SentLast24Hours = recipients sent since start (never rolls over); nothing is ever throttled.
// - GetSendStatistics answers one data point stamped "now", DeliveryAttempts = recipients sent.
// - MessageIds are random letters in SES's dash pattern, not SES's hex form.
// - 51+ recipients: MessageRejected "Too many recipients." (real SES: InvalidParameterValue);
//   an address without a domain: InvalidParameterValue "Missing domain".
// - SendRawEmail with no Destinations and no To/Cc/Bcc header is accepted (0 recipients).
// - State is per account and region (use one region), kept in memory until /moto-api/reset.
// - What was sent can be read back from GET /moto-api/data.json (`sent()` below).

import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

export const MOTO_MISSING = "moto not installed: run scripts/moto.sh install";

export interface MotoSentMessage {
  id: string;
  source: string;
  subject: string;
  body: string;
  destinations: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
}

export interface MotoSentRawMessage {
  id: string;
  source: string;
  destinations: string[];
  raw_data: string;
}

export interface Moto {
  url: string;
  port: number;
  child: ChildProcess;
  /** What moto's SES recorded as sent (all accounts and regions). */
  sent(): Promise<{ messages: MotoSentMessage[]; raw: MotoSentRawMessage[] }>;
  /** Forgets all state (identities, sent messages, counters). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The venv that scripts/moto.sh installs into. */
export function motoVenv(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
  return process.env.ASYNCSES_MOTO_VENV ?? join(cache, "asyncses", "moto-venv");
}

/** Path of moto_server, or undefined when the venv (or the Python it points at) is missing. */
export function motoServerPath(): string | undefined {
  const venv = motoVenv();
  const server = join(venv, "bin", "moto_server");
  try {
    accessSync(server, constants.X_OK);
    accessSync(join(venv, "bin", "python"), constants.X_OK); // follows the symlink to Python
    return server;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts moto_server on a free 127.0.0.1 port and waits until it answers. Returns undefined
 * when moto is not installed (so tests can skip with MOTO_MISSING).
 */
export async function startMoto(options: { timeoutMs?: number } = {}): Promise<Moto | undefined> {
  const server = motoServerPath();
  if (server === undefined) return undefined;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(server, ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString();
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });

  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not start on ${url}: ${stderr.trim().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    child,
    async sent() {
      const res = await fetch(`${url}/moto-api/data.json`);
      const data = (await res.json()) as {
        ses?: { Message?: MotoSentMessage[]; RawMessage?: MotoSentRawMessage[] };
      };
      return { messages: data.ses?.Message ?? [], raw: data.ses?.RawMessage ?? [] };
    },
    async reset() {
      const res = await fetch(`${url}/moto-api/reset`, { method: "POST" });
      await res.arrayBuffer();
    },
    stop,
  };
}
