import { startApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config/config.ts";
import { coerceError } from "./util/errors.ts";

/** Starts the server from the environment; SIGINT/SIGTERM stop it gracefully, a second one at once. */
async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`asyncses: configuration error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config);
  } catch (thrown) {
    const err = coerceError(thrown);
    process.stderr.write(`asyncses: cannot start: ${err.message}\n`);
    return 1;
  }
  const { promise, resolve } = Promise.withResolvers<number>();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      app.logger.warn({ signal }, "second signal: exiting now");
      resolve(1);
      return;
    }
    stopping = true;
    app.logger.info(
      { signal },
      "shutting down: no new requests; finishing requests and SES calls in flight",
    );
    app.dispose().then(
      () => {
        app.logger.info("stopped");
        resolve(0);
      },
      (err: unknown) => {
        app.logger.error({ err: coerceError(err) }, "error while shutting down");
        resolve(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  return promise;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Flushes logs, then leaves even if a stray handle (a client's idle socket) is left open.
    setImmediate(() => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`asyncses: ${coerceError(err).stack}\n`);
    process.exit(1);
  },
);
