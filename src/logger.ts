import { type Logger, pino } from "pino";

export type { Logger } from "pino";

/**
 * Paths redacted from every log line. Bodies are never passed to the logger in the first
 * place; these catch credentials and addresses that could slip in through an error's context.
 */
const REDACT = [
  "authorization",
  "*.authorization",
  "req.headers.authorization",
  "apiKey",
  "*.apiKey",
  "key",
  "*.key",
  "secretAccessKey",
  "*.secretAccessKey",
  "sessionToken",
  "*.sessionToken",
  "text",
  "*.text",
  "html",
  "*.html",
  "content",
  "*.content",
];

/** Creates the process's root logger; subsystems take `logger.child({ component })`. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "asyncses" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
