import { domainToASCII } from "node:url";
import emailAddresses from "email-addresses";
import { invalidArgument } from "../errors.ts";

/** A parsed mailbox: an optional display name and an ASCII address. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Longest mailbox accepted, display name included: one header line. */
const MAX_LENGTH = 998;

/**
 * The common plain form `local@domain`: a dot-atom local part of ASCII atext and a domain of
 * two or more letter-digit-hyphen labels. For these the RFC 5322 parser's answer is known
 * (no display name, the parts as written), so it is skipped: it costs about 20 µs a call,
 * the largest part of accepting a message.
 */
export const PLAIN_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The input as an error message quotes it: JSON, cut short. */
const quote = (input: string) =>
  JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}...` : input);

/**
 * Parses one RFC 5322 mailbox ("a@example.com" or "Name <a@example.com>"). International
 * domains become punycode; SES v1 takes only ASCII before the @, so anything else is refused.
 */
export function parseMailbox(field: string, input: string): Mailbox {
  if (CONTROL.test(input))
    throw invalidArgument(field, "control characters (CR, LF, ...) are not allowed");
  if (input.length > MAX_LENGTH)
    throw invalidArgument(field, `is longer than ${MAX_LENGTH} characters`);
  const { local, domain, name } = PLAIN_ADDRESS.test(input)
    ? splitPlain(input)
    : parseFully(field, input);
  if (!/^[\x21-\x7e]+$/.test(local)) {
    throw invalidArgument(
      field,
      `${quote(input)}: SES accepts only ASCII before the @ (no international local parts)`,
    );
  }
  const asciiDomain = domainToASCII(domain);
  if (asciiDomain === "") throw invalidArgument(field, `${quote(input)} has an invalid domain`);
  return { name: name ?? "", address: `${local}@${asciiDomain}` };
}

function splitPlain(input: string): { local: string; domain: string; name: string } {
  const at = input.lastIndexOf("@");
  return { local: input.slice(0, at), domain: input.slice(at + 1), name: "" };
}

function parseFully(
  field: string,
  input: string,
): { local: string; domain: string; name: string | null } {
  const parsed = emailAddresses.parseOneAddress({
    input: input.trim(),
    rfc6532: true,
    rejectTLD: true,
  });
  if (parsed?.type !== "mailbox") {
    throw invalidArgument(field, `${quote(input)} is not a valid email address`);
  }
  return parsed;
}
