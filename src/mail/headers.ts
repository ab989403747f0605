import { invalidArgument } from "../errors.ts";
import type { MailLimits } from "./limits.ts";

/**
 * Headers the message fields own (or the MIME builder writes), which `headers` may not set.
 * Return-Path is allowed: the original's clients set it, and SES replaces it on delivery anyway.
 */
const OWNED_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "reply-to",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "sender",
]);
/** RFC 5322 field names: printable ASCII except colon. */
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
/** Control characters other than horizontal tab: CR and LF above all, which would end the header. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
export const CONTROL_EXCEPT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Why a header name cannot be used, or undefined when it can. */
function reserved(lower: string): string | undefined {
  if (OWNED_HEADERS.has(lower) || lower.startsWith("content-")) {
    return "is set by the message's own fields and cannot be given as a header";
  }
  // SES reads X-SES-* headers of a raw message as parameters of the call (configuration set,
  // tags, sending authorization ARNs): headers are email headers, never SES parameters.
  if (lower.startsWith("x-ses-")) {
    return "X-SES-* headers are SES parameters; use the configurationSet and tags fields";
  }
  return undefined;
}

/**
 * Checks the extra email headers and returns them sorted by name: valid names only, no
 * control characters (CR, LF, NUL, ...) in values, none of the headers the fields own, no
 * name twice (case-insensitively), and within the count and length limits.
 */
export function checkHeaders(
  input: Readonly<Record<string, string>>,
  limits: MailLimits,
): Record<string, string> {
  const names = Object.keys(input);
  if (names.length > limits.maxHeaders) {
    throw invalidArgument(
      "headers",
      `${names.length} headers; at most ${limits.maxHeaders} are allowed`,
    );
  }
  names.sort();
  const seen = new Set<string>();
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = input[name] as string;
    const field = `headers[${JSON.stringify(name.slice(0, 100))}]`;
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw invalidArgument(field, "is not a valid header name");
    if (CONTROL_EXCEPT_TAB.test(value)) {
      throw invalidArgument(field, "must not contain CR, LF, NUL or other control characters");
    }
    const why = reserved(lower);
    if (why !== undefined) throw invalidArgument(field, why);
    if (seen.has(lower)) throw invalidArgument(field, "is given twice");
    if (name.length + value.length + 2 > limits.maxHeaderLength) {
      throw invalidArgument(field, `is longer than ${limits.maxHeaderLength} characters`);
    }
    seen.add(lower);
    out[name] = value;
  }
  return out;
}
