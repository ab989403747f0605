/**
 * Splits comma-separated addresses, leaving commas inside quoted display names, comments
 * and angle brackets alone: `"Doe, Jane" <j@example.com>, b@example.com` gives two.
 */
export function splitAddresses(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    let start = 0;
    let quoted = false;
    let depth = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === "\\") i++;
      else if (c === '"') quoted = !quoted;
      else if (quoted) continue;
      else if (c === "<" || c === "(") depth++;
      else if ((c === ">" || c === ")") && depth > 0) depth--;
      else if (c === "," && depth === 0) {
        out.push(value.slice(start, i));
        start = i + 1;
      }
    }
    out.push(value.slice(start));
  }
  return out.map((a) => a.trim()).filter((a) => a !== "");
}
