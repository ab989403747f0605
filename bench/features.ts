// Which parts of AsyncSES this checkout has, asked of its own configuration: a scenario that
// needs the SQLite store or the rate limiter is reported "not available yet" without them,
// and runs as soon as they are merged.

import { tmpdir } from "node:os";
import { ConfigError, loadConfig, SETTINGS } from "../src/config/config.ts";

/** What the checkout supports; a string says why a part is missing. */
export interface Features {
  /** ASYNCSES_STORE=sqlite is accepted. */
  readonly sqlite: true | string;
  /** ASYNCSES_MAX_SEND_RATE is a setting. */
  readonly maxSendRate: true | string;
  /** ASYNCSES_STORE=postgres is accepted (whether a server is running is asked later). */
  readonly postgres: true | string;
}

/** Asks the configuration loader what it accepts. */
export function detectFeatures(): Features {
  let sqlite: true | string = true;
  try {
    loadConfig({ ASYNCSES_STORE: "sqlite", ASYNCSES_DATA_DIR: tmpdir() });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    sqlite = `not available yet (${err.message})`;
  }
  const names: string[] = Object.values(SETTINGS).map((s) => s.name);
  const maxSendRate = names.includes("ASYNCSES_MAX_SEND_RATE")
    ? true
    : "not available yet (no ASYNCSES_MAX_SEND_RATE setting)";
  let postgres: true | string = true;
  try {
    loadConfig({
      ASYNCSES_STORE: "postgres",
      ASYNCSES_DATABASE_URL: "postgres://u:p@127.0.0.1:5432/d",
      ASYNCSES_DATA_DIR: tmpdir(),
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    postgres = `not available yet (${err.message})`;
  }
  return { sqlite, maxSendRate, postgres };
}
