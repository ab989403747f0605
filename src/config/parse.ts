/** A bad configuration value; the message names the variable and says what is expected. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads "250ms", "30s", "5m", "24h" or "7d" as milliseconds. */
export function parseDuration(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) {
    throw new ConfigError(
      `${name}=${JSON.stringify(value)} is not a duration: use a number with a unit, like 500ms, 30s, 5m, 24h or 7d`,
    );
  }
  return Math.round(Number(match[1]) * (UNITS[match[2] as string] as number));
}

/** Reads a whole number within [min, max]. */
export function parseInteger(name: string, value: string, min: number, max: number): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name}=${JSON.stringify(value)} must be a whole number from ${min} to ${max}`,
    );
  }
  return n;
}

const BYTE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** Reads a size in bytes: "1048576", "512KB", "10MB" (binary units: 1 MB = 1024 KB = 1048576 bytes). */
export function parseBytes(name: string, value: string, min: number, max: number): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = BYTE_UNITS[match?.[2]?.toLowerCase() ?? "?"];
  const n = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name}=${JSON.stringify(value)} must be a size from ${min} to ${max} bytes, like 10MB, 512KB or 1048576`,
    );
  }
  return n;
}

/** Reads a positive number (decimals allowed). */
export function parsePositive(name: string, value: string): number {
  const n = Number(value.trim());
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
    throw new ConfigError(`${name}=${JSON.stringify(value)} must be a number greater than 0`);
  }
  return n;
}

/** Reads one of a fixed set of words. */
export function parseChoice<T extends string>(
  name: string,
  value: string,
  choices: readonly T[],
): T {
  const v = value.trim() as T;
  if (!choices.includes(v)) {
    throw new ConfigError(`${name}=${JSON.stringify(value)} must be one of: ${choices.join(", ")}`);
  }
  return v;
}

/** Reads "true"/"false" (also 1/0, yes/no). */
export function parseBoolean(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (["true", "1", "yes"].includes(v)) return true;
  if (["false", "0", "no"].includes(v)) return false;
  throw new ConfigError(`${name}=${JSON.stringify(value)} must be true or false`);
}
