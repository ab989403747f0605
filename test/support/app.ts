import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { type Message, MessageState } from "../../gen/ts/asyncses/v1/message_pb.js";
import { type App, type AppOverrides, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config/config.ts";
import { type CaptureSender, createCaptureSender } from "./capture-sender.ts";
import type { Clients } from "./clients.ts";
import { sesEnv } from "./ses-env.ts";

/** A server started in this process on a free port, with a capture sender unless told otherwise. */
export interface TestApp extends App {
  readonly sender: CaptureSender;
}

/**
 * Starts the app from `env` (port 0, silent logs). Without ASYNCSES_DATA_DIR the default store
 * (sqlite) gets a fresh folder, removed by dispose, so tests never share a database.
 */
async function startIsolatedApp(
  env: Record<string, string>,
  overrides: AppOverrides,
): Promise<App> {
  const ownDir =
    env.ASYNCSES_DATA_DIR === undefined
      ? await mkdtemp(join(tmpdir(), "asyncses-test-"))
      : undefined;
  const removeDir = async () => {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
  };
  let app: App;
  try {
    const config = loadConfig({
      ASYNCSES_PORT: "0",
      ASYNCSES_LOG_LEVEL: "silent",
      ...(ownDir ? { ASYNCSES_DATA_DIR: ownDir } : {}),
      ...env,
    });
    app = await startApp(config, {
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      ...overrides,
    });
  } catch (err) {
    await removeDir();
    throw err;
  }
  const dispose = app.dispose;
  return Object.assign(app, {
    dispose: async () => {
      await dispose();
      await removeDir();
    },
  });
}

/** Starts the app on 127.0.0.1:0 with the given environment variables and overrides. */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<TestApp> {
  const sender = createCaptureSender();
  const app = await startIsolatedApp(env, { sender, ...overrides });
  return Object.assign(app, { sender });
}

/** Resolves once `check` returns true, polling; rejects after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Waits until the message is sent or failed, and returns it. */
export async function waitForFinal(clients: Clients, id: string, timeoutMs = 10_000) {
  const final = [MessageState.SENT, MessageState.FAILED];
  let message: Message | undefined;
  await waitFor(
    async () => {
      message = (await clients.mail.getMessage({ id })).message;
      return message !== undefined && final.includes(message.state);
    },
    timeoutMs,
    `message ${id} to be sent or failed`,
  );
  return message;
}

/** Starts the app on 127.0.0.1:0 with the ses sender pointed at an SES emulator. */
export async function startSesTestApp(
  endpoint: string,
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<App> {
  return startIsolatedApp({ ...sesEnv(endpoint), ...env }, overrides);
}
