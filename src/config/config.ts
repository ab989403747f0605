import { resolve } from "node:path";
import { ConfigError, parseChoice, parseDuration, parseInteger } from "./parse.ts";

export { ConfigError } from "./parse.ts";

/** The sender engines. */
export const SENDERS = ["file", "ses"] as const;
/** The store engines. */
export const STORES = ["memory"] as const;
/** pino's levels. */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** The service's validated, frozen configuration. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly workers: number;
  readonly outboxMaxSize: number;
  readonly sender: (typeof SENDERS)[number];
  readonly mailDir: string;
  readonly sesEndpoint: string | undefined;
  readonly sesTimeoutMs: number;
  readonly store: (typeof STORES)[number];
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
  readonly retentionMs: number;
  readonly shutdownTimeoutMs: number;
  readonly tlsCert: string | undefined;
  readonly tlsKey: string | undefined;
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

/** One variable of the configuration table: its name, default and meaning (README mirrors this). */
export interface Setting {
  readonly name: string;
  readonly default: string;
  readonly help: string;
}

/** Every variable the service reads, with its default. */
export const SETTINGS = {
  host: { name: "ASYNCSES_HOST", default: "127.0.0.1", help: "Address to listen on." },
  port: {
    name: "ASYNCSES_PORT",
    default: "3000",
    help: "Port for every protocol (0 picks a free one).",
  },
  workers: { name: "ASYNCSES_WORKERS", default: "50", help: "Concurrent SES calls." },
  outboxMaxSize: {
    name: "ASYNCSES_OUTBOX_MAXSIZE",
    default: "1000000",
    help: "Most messages queued or in flight; beyond it Send answers RESOURCE_EXHAUSTED and SendBatch waits.",
  },
  sender: {
    name: "ASYNCSES_SENDER",
    default: "file",
    help: "`file` writes .eml files; `ses` sends through Amazon SES.",
  },
  mailDir: {
    name: "ASYNCSES_MAIL_DIR",
    default: "mail",
    help: "Folder the file sender writes to.",
  },
  sesEndpoint: {
    name: "ASYNCSES_SES_ENDPOINT",
    default: "",
    help: "SES endpoint override, for an emulator. Region and credentials come from AWS's standard variables and profiles.",
  },
  sesTimeout: { name: "ASYNCSES_SES_TIMEOUT", default: "30s", help: "Timeout of one SES request." },
  store: { name: "ASYNCSES_STORE", default: "memory", help: "Where messages are kept: `memory`." },
  lease: {
    name: "ASYNCSES_LEASE",
    default: "5m",
    help: "How long a worker holds a message before another may take it over.",
  },
  maxAttempts: {
    name: "ASYNCSES_MAX_ATTEMPTS",
    default: "10",
    help: "Attempts before a message with transient errors fails.",
  },
  maxAge: {
    name: "ASYNCSES_MAX_AGE",
    default: "24h",
    help: "Age after which a message with transient errors fails.",
  },
  retention: {
    name: "ASYNCSES_RETENTION",
    default: "7d",
    help: "How long bodies of sent and failed messages are kept.",
  },
  shutdownTimeout: {
    name: "ASYNCSES_SHUTDOWN_TIMEOUT",
    default: "30s",
    help: "How long SIGTERM waits for RPCs and SES calls in flight.",
  },
  tlsCert: {
    name: "ASYNCSES_TLS_CERT",
    default: "",
    help: "PEM certificate file; with a key, serves TLS (ALPN h2, http/1.1).",
  },
  tlsKey: { name: "ASYNCSES_TLS_KEY", default: "", help: "PEM private key file for TLS." },
  logLevel: { name: "ASYNCSES_LOG_LEVEL", default: "info", help: "pino log level." },
} as const satisfies Record<string, Setting>;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the environment into a validated, frozen Config; throws ConfigError naming the variable. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const raw = (s: Setting): string => {
    const v = env[s.name];
    return v === undefined || v.trim() === "" ? s.default : v;
  };
  const optional = (s: Setting): string | undefined => {
    const v = raw(s).trim();
    return v === "" ? undefined : v;
  };
  const tlsCert = optional(SETTINGS.tlsCert);
  const tlsKey = optional(SETTINGS.tlsKey);
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ConfigError(
      `${SETTINGS.tlsCert.name} and ${SETTINGS.tlsKey.name} must be set together`,
    );
  }
  const sesEndpoint = optional(SETTINGS.sesEndpoint);
  if (sesEndpoint !== undefined && !URL.canParse(sesEndpoint)) {
    throw new ConfigError(
      `${SETTINGS.sesEndpoint.name}=${JSON.stringify(sesEndpoint)} is not a URL`,
    );
  }
  const host = raw(SETTINGS.host).trim();
  return Object.freeze({
    host,
    port: parseInteger(SETTINGS.port.name, raw(SETTINGS.port), 0, 65535),
    workers: parseInteger(SETTINGS.workers.name, raw(SETTINGS.workers), 1, 10_000),
    outboxMaxSize: parseInteger(
      SETTINGS.outboxMaxSize.name,
      raw(SETTINGS.outboxMaxSize),
      1,
      1_000_000_000,
    ),
    sender: parseChoice(SETTINGS.sender.name, raw(SETTINGS.sender), SENDERS),
    mailDir: resolve(cwd, raw(SETTINGS.mailDir)),
    sesEndpoint,
    sesTimeoutMs: parseDuration(SETTINGS.sesTimeout.name, raw(SETTINGS.sesTimeout)),
    store: parseChoice(SETTINGS.store.name, raw(SETTINGS.store), STORES),
    leaseMs: parseDuration(SETTINGS.lease.name, raw(SETTINGS.lease)),
    maxAttempts: parseInteger(SETTINGS.maxAttempts.name, raw(SETTINGS.maxAttempts), 1, 1000),
    maxAgeMs: parseDuration(SETTINGS.maxAge.name, raw(SETTINGS.maxAge)),
    retentionMs: parseDuration(SETTINGS.retention.name, raw(SETTINGS.retention)),
    shutdownTimeoutMs: parseDuration(SETTINGS.shutdownTimeout.name, raw(SETTINGS.shutdownTimeout)),
    tlsCert,
    tlsKey,
    logLevel: parseChoice(SETTINGS.logLevel.name, raw(SETTINGS.logLevel), LOG_LEVELS),
  });
}
