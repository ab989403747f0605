// Just enough MIME to record a raw message: its top-level headers (unfolded), the subject with
// RFC 2047 encoded-words decoded, and the recipients of To/Cc/Bcc (SES's rule when a
// SendRawEmail call has no Destinations).

import emailAddresses from "email-addresses";

/** Top-level headers of a raw MIME message; names lower-cased; repeated headers keep all values. */
export function parseHeaders(raw: string): Map<string, string[]> {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const end = crlf === -1 ? lf : lf === -1 ? crlf : Math.min(crlf, lf);
  const block = end === -1 ? raw : raw.slice(0, end);
  const headers = new Map<string, string[]>();
  const lines = block.split(/\r?\n/);
  let name = "";
  let value = "";
  const flush = () => {
    if (name === "") return;
    const list = headers.get(name);
    if (list === undefined) headers.set(name, [value.trim()]);
    else list.push(value.trim());
  };
  for (const line of lines) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && name !== "") {
      value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(":");
    if (colon <= 0) {
      name = "";
      continue;
    }
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return headers;
}

/** The first value of a header in a raw MIME message, or undefined. */
export function header(raw: string, name: string): string | undefined {
  return parseHeaders(raw).get(name.toLowerCase())?.[0];
}

function decodeWord(charset: string, encoding: string, text: string): string {
  const bytes =
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
              String.fromCharCode(Number.parseInt(hex, 16)),
            ),
          "latin1",
        );
  const cs = charset.toLowerCase();
  return cs === "iso-8859-1" || cs === "latin1" ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** Decodes RFC 2047 encoded-words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`). */
export function decodeEncodedWords(value: string): string {
  if (!value.includes("=?")) return value;
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(
      /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g,
      (_m, cs: string, enc: string, text: string) => decodeWord(cs, enc, text),
    );
}

/** Addresses (addr-spec only) of an address-list header value; groups are flattened. */
export function parseAddresses(value: string): string[] {
  const parsed = emailAddresses.parseAddressList({ input: value, rfc6532: true });
  if (parsed !== null) {
    const out: string[] = [];
    for (const item of parsed) {
      if (item.type === "group") for (const m of item.addresses) out.push(m.address);
      else out.push(item.address);
    }
    return out;
  }
  // Not strictly RFC 5322: fall back to anything that looks like an address.
  return value.match(/[^\s<>,;:"()]+@[^\s<>,;:"()]+/g) ?? [];
}

export interface RawSummary {
  from: string | undefined;
  subject: string | undefined;
  messageId: string | undefined;
  /** To, Cc and Bcc addresses, in that order. */
  recipients: string[];
}

export function summarizeRaw(raw: string): RawSummary {
  const headers = parseHeaders(raw);
  const first = (name: string) => headers.get(name)?.[0];
  const recipients: string[] = [];
  for (const name of ["to", "cc", "bcc"]) {
    for (const value of headers.get(name) ?? []) recipients.push(...parseAddresses(value));
  }
  const from = first("from");
  const subject = first("subject");
  return {
    from: from === undefined ? undefined : parseAddresses(from)[0],
    subject: subject === undefined ? undefined : decodeEncodedWords(subject),
    messageId: first("message-id"),
    recipients,
  };
}
