// Parsing of SES v1 query-protocol requests: a form-encoded body
// (`Action=SendEmail&Version=2010-12-01&Source=...&Destination.ToAddresses.member.1=...`).
// Lists are flattened as `Prefix.member.N` with N counting from 1.

export type QueryParams = Map<string, string>;

/** Parses an application/x-www-form-urlencoded body (or URL query string) into a map. */
export function parseQuery(body: string): QueryParams {
  const params: QueryParams = new Map();
  for (const [key, value] of new URLSearchParams(body)) {
    params.set(key, value);
  }
  return params;
}

/** Reads `prefix.member.1`, `prefix.member.2`, ... until the first missing index. */
export function memberList(params: QueryParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = params.get(`${prefix}.member.${i}`);
    if (value === undefined) return out;
    out.push(value);
  }
}
