import { createHash } from "node:crypto";
import { domainToASCII } from "node:url";
import { ConfigError } from "../config/parse.ts";
import { parseMailbox } from "../mail/address.ts";

/** An API key as the server keeps it: only the SHA-256 of the secret, never the secret. */
export interface ApiKey {
  /** SHA-256 of the key's UTF-8 bytes. */
  readonly digest: Buffer;
  /** A stable, non-secret name: the key file's `name=`, else "key-" and 12 hex digits. */
  readonly scope: string;
  /** Allowed senders: addresses ("a@example.com") and domains ("@example.com"); undefined: any. */
  readonly senders: readonly string[] | undefined;
}

/** What a plain key may look like: base64, base64url or hex, 16 to 256 characters. */
const SECRET = /^[A-Za-z0-9._~+/=-]{16,256}$/;
/** A stored hash: `sha256:` and 64 hex digits (the SHA-256 of the key's UTF-8 bytes). */
const HASHED = /^sha256:([0-9a-fA-F]{64})$/;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The SHA-256 of a key, as stored and compared. */
export function digestKey(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/** The scope of an unnamed key: derived from its digest, so it tells nothing about the key. */
function scopeOf(digest: Buffer): string {
  const h = createHash("sha256").update("asyncses-scope:").update(digest).digest("hex");
  return `key-${h.slice(0, 12)}`;
}

/** Reads a key or its `sha256:<hex>` hash; the error never repeats the key. */
function readSecret(where: string, token: string): Buffer {
  const hashed = HASHED.exec(token);
  if (hashed) return Buffer.from((hashed[1] as string).toLowerCase(), "hex");
  if (token.toLowerCase().startsWith("sha256:")) {
    throw new ConfigError(`${where}: a hashed key is sha256: followed by 64 hex digits`);
  }
  if (!SECRET.test(token)) {
    throw new ConfigError(
      `${where}: a key is 16 to 256 characters of A-Z a-z 0-9 . _ ~ + / = - (or sha256:<64 hex digits>)`,
    );
  }
  return digestKey(token);
}

/** Normalises one allowed sender: "a@example.com" or "@example.com" (domains become punycode). */
function readSender(where: string, entry: string): string {
  const s = entry.trim();
  if (s.startsWith("@")) {
    const domain = domainToASCII(s.slice(1).toLowerCase());
    if (domain === "" || !domain.includes(".")) {
      throw new ConfigError(`${where}: ${JSON.stringify(s)} is not a domain like @example.com`);
    }
    return `@${domain}`;
  }
  try {
    return parseMailbox("from", s).address.toLowerCase();
  } catch {
    throw new ConfigError(
      `${where}: ${JSON.stringify(s)} is not an address like a@example.com or a domain like @example.com`,
    );
  }
}

function readSenders(where: string, list: string, separator: string): string[] {
  const senders = list.split(separator).filter((s) => s.trim() !== "");
  if (senders.length === 0) throw new ConfigError(`${where}: from= lists no sender`);
  return senders.map((s) => readSender(where, s));
}

/**
 * Reads a keys file: one key per line, `<key-or-sha256:hex> [name=<name>] [from=<sender>,...]`;
 * blank lines and lines starting with # are skipped.
 */
export function parseKeysFile(text: string, source: string): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `${source} line ${i + 1}`;
    const [token, ...options] = line.split(/\s+/);
    const digest = readSecret(where, token as string);
    let name: string | undefined;
    let senders: string[] | undefined;
    for (const option of options) {
      const eq = option.indexOf("=");
      const key = option.slice(0, eq);
      const value = option.slice(eq + 1);
      if (key === "name" && name === undefined) {
        if (!NAME.test(value) || value === "anonymous" || /^key-[0-9a-f]{12}$/.test(value)) {
          throw new ConfigError(
            `${where}: name= takes 1-64 of A-Z a-z 0-9 . _ - (not "anonymous")`,
          );
        }
        name = value;
      } else if (key === "from" && senders === undefined) {
        senders = readSenders(where, value, ",");
      } else {
        throw new ConfigError(
          `${where}: unknown or repeated option ${JSON.stringify(option.slice(0, 40))}; use name= and from=`,
        );
      }
    }
    keys.push({ digest, scope: name ?? scopeOf(digest), senders });
  }
  return keys;
}

/** Reads the environment form: comma-separated `<key-or-sha256:hex>[:<sender>|<sender>...]`. */
export function parseKeysList(value: string, source: string): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const [i, raw] of value.split(",").entries()) {
    const entry = raw.trim();
    if (entry === "") continue;
    const where = `${source} entry ${i + 1}`;
    const m = /^(sha256:[^:]*|[^:]*)(?::(.*))?$/i.exec(entry) as RegExpExecArray;
    const digest = readSecret(where, m[1] as string);
    const senders = m[2] === undefined ? undefined : readSenders(where, m[2], "|");
    keys.push({ digest, scope: scopeOf(digest), senders });
  }
  return keys;
}

/** Joins key lists, refusing a key or a name given twice. */
export function mergeKeys(lists: readonly ApiKey[][]): ApiKey[] {
  const all = lists.flat();
  const digests = new Set<string>();
  const scopes = new Set<string>();
  for (const k of all) {
    const d = k.digest.toString("hex");
    if (digests.has(d)) throw new ConfigError(`the API key ${k.scope} is listed twice`);
    if (scopes.has(k.scope)) throw new ConfigError(`the key name ${k.scope} is used twice`);
    digests.add(d);
    scopes.add(k.scope);
  }
  return all;
}
