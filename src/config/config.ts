import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type ApiKey, mergeKeys, parseKeysFile, parseKeysList } from "../auth/keys.ts";
import { isLoopback } from "../auth/loopback.ts";
import type { MailLimits } from "../mail/limits.ts";
import {
  ConfigError,
  parseBytes,
  parseChoice,
  parseDuration,
  parseInteger,
  parsePositive,
} from "./parse.ts";

export { ConfigError } from "./parse.ts";

/** The sender engines. */
export const SENDERS = ["file", "ses"] as const;
/** The store engines. */
export const STORES = ["sqlite", "memory", "postgres"] as const;
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
  readonly dataDir: string;
  /** The PostgreSQL database's URL (store `postgres`). */
  readonly databaseUrl: string | undefined;
  /** Most connections to PostgreSQL this instance opens. */
  readonly databasePool: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly maxAgeMs: number;
  /** A cap on the send rate in recipients per second, below SES's own; undefined for none. */
  readonly maxSendRate: number | undefined;
  readonly quotaRefreshMs: number;
  readonly pauseProbeMs: number;
  readonly retentionMs: number;
  readonly metadataRetentionMs: number;
  readonly shutdownTimeoutMs: number;
  readonly tlsCert: string | undefined;
  readonly tlsKey: string | undefined;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** The API keys; empty means no authentication, which is allowed on loopback only. */
  readonly apiKeys: readonly ApiKey[];
  readonly limits: MailLimits;
  /** Largest request body, or one message of a stream. */
  readonly maxRequestBytes: number;
  /** Items of one SendBatch stream being accepted at once. */
  readonly streamWindow: number;
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
  store: {
    name: "ASYNCSES_STORE",
    default: "sqlite",
    help: "Where messages are kept: `sqlite` (a file in the data folder; survives restarts), `postgres` (a database several instances share) or `memory` (lost on restart).",
  },
  dataDir: {
    name: "ASYNCSES_DATA_DIR",
    default: "data",
    help: "Folder of the SQLite database (`asyncses.db`), created on first start; one process per folder.",
  },
  databaseUrl: {
    name: "ASYNCSES_DATABASE_URL",
    default: "",
    help: "PostgreSQL database for `ASYNCSES_STORE=postgres`, e.g. `postgres://user:password@host:5432/asyncses`; every instance given the same one shares its outbox and send rate. The schema is created and migrated at start.",
  },
  databasePool: {
    name: "ASYNCSES_DATABASE_POOL",
    default: "10",
    help: "Most connections to PostgreSQL one instance opens.",
  },
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
  maxSendRate: {
    name: "ASYNCSES_MAX_SEND_RATE",
    default: "",
    help: "Cap on the send rate, in recipients per second (SES's MaxSendRate applies anyway; the file sender honours this cap too). Empty: SES's rate.",
  },
  quotaRefresh: {
    name: "ASYNCSES_QUOTA_REFRESH",
    default: "60s",
    help: "How often SES's rate and daily quota are read again (GetSendQuota); at least 1s.",
  },
  pauseProbe: {
    name: "ASYNCSES_PAUSE_PROBE",
    default: "60s",
    help: "While SES has the account's sending paused, one message is tried this often; sending resumes when one is accepted.",
  },
  retention: {
    name: "ASYNCSES_RETENTION",
    default: "7d",
    help: "How long bodies of sent, failed and cancelled messages are kept.",
  },
  metadataRetention: {
    name: "ASYNCSES_METADATA_RETENTION",
    default: "30d",
    help: "How long records of finished messages (state, times, SES id, error; no body) are kept; at least ASYNCSES_RETENTION.",
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
  apiKeys: {
    name: "ASYNCSES_API_KEYS",
    default: "",
    help: "API keys, comma-separated: `<key>` or `sha256:<hex>`, each optionally followed by `:<sender>|<sender>...` to limit its From. Without keys (here or in the file) the server listens on loopback only.",
  },
  apiKeysFile: {
    name: "ASYNCSES_API_KEYS_FILE",
    default: "",
    help: "File of API keys, one a line: `<key-or-sha256:hex> [name=<name>] [from=<sender>,...]`; # starts a comment.",
  },
  maxRequestSize: {
    name: "ASYNCSES_MAX_REQUEST_SIZE",
    default: "",
    help: "Largest request body (for a stream, one message); larger ones get RESOURCE_EXHAUSTED (HTTP 413). Empty: the message size plus 64KB.",
  },
  maxMessageSize: {
    name: "ASYNCSES_MAX_MESSAGE_SIZE",
    default: "10MB",
    help: "Largest message after MIME encoding, at most 10MB (SES v1's limit).",
  },
  maxRecipients: {
    name: "ASYNCSES_MAX_RECIPIENTS",
    default: "50",
    help: "Recipients (to + cc + bcc) per message, at most 50 (SES's limit).",
  },
  maxAttachments: {
    name: "ASYNCSES_MAX_ATTACHMENTS",
    default: "100",
    help: "Attachments per message.",
  },
  maxAttachmentSize: {
    name: "ASYNCSES_MAX_ATTACHMENT_SIZE",
    default: "10MB",
    help: "Largest attachment, before encoding.",
  },
  maxHeaders: {
    name: "ASYNCSES_MAX_HEADERS",
    default: "50",
    help: "Extra headers per message.",
  },
  maxHeaderLength: {
    name: "ASYNCSES_MAX_HEADER_LENGTH",
    default: "998",
    help: "Characters of one extra header, name and value.",
  },
  maxSubjectLength: {
    name: "ASYNCSES_MAX_SUBJECT_LENGTH",
    default: "998",
    help: "Characters of the subject.",
  },
  streamWindow: {
    name: "ASYNCSES_STREAM_WINDOW",
    default: "256",
    help: "Messages of one SendBatch stream accepted at once; beyond it the stream waits for answers.",
  },
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
  const retentionMs = parseDuration(SETTINGS.retention.name, raw(SETTINGS.retention));
  const metadataRetentionMs = parseDuration(
    SETTINGS.metadataRetention.name,
    raw(SETTINGS.metadataRetention),
  );
  if (metadataRetentionMs < retentionMs) {
    throw new ConfigError(
      `${SETTINGS.metadataRetention.name} must be at least ${SETTINGS.retention.name}: records outlive bodies`,
    );
  }
  const maxSendRate = optional(SETTINGS.maxSendRate);
  const quotaRefreshMs = parseDuration(SETTINGS.quotaRefresh.name, raw(SETTINGS.quotaRefresh));
  if (quotaRefreshMs < 1000) {
    throw new ConfigError(
      `${SETTINGS.quotaRefresh.name} must be at least 1s: SES allows GetSendQuota once a second`,
    );
  }
  const pauseProbeMs = parseDuration(SETTINGS.pauseProbe.name, raw(SETTINGS.pauseProbe));
  if (pauseProbeMs < 1000) {
    throw new ConfigError(`${SETTINGS.pauseProbe.name} must be at least 1s`);
  }
  const store = parseChoice(SETTINGS.store.name, raw(SETTINGS.store), STORES);
  const databaseUrl = optional(SETTINGS.databaseUrl);
  if (store === "postgres") {
    if (databaseUrl === undefined) {
      throw new ConfigError(
        `${SETTINGS.store.name}=postgres needs ${SETTINGS.databaseUrl.name} (postgres://user:password@host:5432/database)`,
      );
    }
    if (!/^postgres(ql)?:\/\//.test(databaseUrl) || !URL.canParse(databaseUrl)) {
      throw new ConfigError(
        `${SETTINGS.databaseUrl.name} is not a postgres:// URL (postgres://user:password@host:5432/database)`,
      );
    }
  }
  const host = raw(SETTINGS.host).trim();
  const apiKeys = readApiKeys(optional(SETTINGS.apiKeys), optional(SETTINGS.apiKeysFile), cwd);
  if (apiKeys.length === 0 && !isLoopback(host)) {
    throw new ConfigError(
      `${SETTINGS.host.name}=${host} is not a loopback address and no API keys are configured: set ${SETTINGS.apiKeys.name} or ${SETTINGS.apiKeysFile.name}, or listen on 127.0.0.1`,
    );
  }
  const limits = readLimits(raw);
  const maxRequest = optional(SETTINGS.maxRequestSize);
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
    store,
    dataDir: resolve(cwd, raw(SETTINGS.dataDir)),
    databaseUrl,
    databasePool: parseInteger(SETTINGS.databasePool.name, raw(SETTINGS.databasePool), 1, 1000),
    leaseMs: parseDuration(SETTINGS.lease.name, raw(SETTINGS.lease)),
    maxAttempts: parseInteger(SETTINGS.maxAttempts.name, raw(SETTINGS.maxAttempts), 1, 1000),
    maxAgeMs: parseDuration(SETTINGS.maxAge.name, raw(SETTINGS.maxAge)),
    maxSendRate:
      maxSendRate === undefined ? undefined : parsePositive(SETTINGS.maxSendRate.name, maxSendRate),
    quotaRefreshMs,
    pauseProbeMs,
    retentionMs,
    metadataRetentionMs,
    shutdownTimeoutMs: parseDuration(SETTINGS.shutdownTimeout.name, raw(SETTINGS.shutdownTimeout)),
    tlsCert,
    tlsKey,
    logLevel: parseChoice(SETTINGS.logLevel.name, raw(SETTINGS.logLevel), LOG_LEVELS),
    apiKeys,
    limits,
    maxRequestBytes:
      maxRequest === undefined
        ? limits.maxMessageBytes + 64 * 1024
        : parseBytes(SETTINGS.maxRequestSize.name, maxRequest, 1024, 64 * 1024 * 1024),
    streamWindow: parseInteger(SETTINGS.streamWindow.name, raw(SETTINGS.streamWindow), 1, 10_000),
  });
}

/** The keys of the variable and of the file together; a key or name given twice is an error. */
function readApiKeys(list: string | undefined, file: string | undefined, cwd: string): ApiKey[] {
  const lists: ApiKey[][] = [];
  if (list !== undefined) lists.push(parseKeysList(list, SETTINGS.apiKeys.name));
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, file), "utf8");
    } catch (err) {
      const code = (err as { code?: string }).code ?? "error";
      throw new ConfigError(`${SETTINGS.apiKeysFile.name}=${file} cannot be read (${code})`);
    }
    lists.push(parseKeysFile(text, `${SETTINGS.apiKeysFile.name} ${file}`));
  }
  return mergeKeys(lists);
}

/** The per-message limits. */
function readLimits(raw: (s: Setting) => string): MailLimits {
  const int = (s: Setting, min: number, max: number) => parseInteger(s.name, raw(s), min, max);
  const bytes = (s: Setting, max: number) => parseBytes(s.name, raw(s), 1024, max);
  return Object.freeze({
    maxRecipients: int(SETTINGS.maxRecipients, 1, 50),
    maxMessageBytes: bytes(SETTINGS.maxMessageSize, 10 * 1024 * 1024),
    maxAttachments: int(SETTINGS.maxAttachments, 0, 10_000),
    maxAttachmentBytes: bytes(SETTINGS.maxAttachmentSize, 10 * 1024 * 1024),
    maxHeaders: int(SETTINGS.maxHeaders, 0, 1000),
    maxHeaderLength: int(SETTINGS.maxHeaderLength, 78, 100_000),
    maxSubjectLength: int(SETTINGS.maxSubjectLength, 1, 100_000),
  });
}
