import { invalidArgument } from "../errors.ts";
import { type AnyRequest, readBody } from "./body.ts";
import { HttpError } from "./http-error.ts";

/** The parameters of a request: query string and body together, each name with all its values. */
export type Params = ReadonlyMap<string, readonly string[]>;

/** More parameters than any route needs: a request with more is refused before it is parsed. */
const MAX_PARAMS = 1000;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw invalidArgument("body", "is not valid UTF-8");
  }
}

function addForm(out: Map<string, string[]>, text: string, what: string): void {
  if (text.split("&").length > MAX_PARAMS) {
    throw invalidArgument(what, `more than ${MAX_PARAMS} parameters`);
  }
  for (const [name, value] of new URLSearchParams(text)) add(out, name, value);
}

function add(out: Map<string, string[]>, name: string, value: string): void {
  const list = out.get(name);
  if (list) list.push(value);
  else out.set(name, [value]);
}

/** An object of scalars (the headers) back as JSON text; anything nested is refused. */
function flatObject(
  name: string,
  value: object,
  scalar: (n: string, v: unknown) => string,
): string {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) flat[k] = scalar(`${name}.${k.slice(0, 100)}`, v);
  return JSON.stringify(flat);
}

/** A JSON body: an object whose values are strings, numbers, booleans or lists of them. */
function addJson(out: Map<string, string[]>, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidArgument("body", "is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidArgument("body", "must be a JSON object");
  }
  let count = 0;
  const scalar = (name: string, v: unknown): string => {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw invalidArgument(name, "must be a string or a list of strings");
  };
  for (const [name, value] of Object.entries(parsed)) {
    if (value === null) continue;
    const values =
      name === "headers" && typeof value === "object" && !Array.isArray(value)
        ? [flatObject(name, value as object, scalar)]
        : Array.isArray(value)
          ? value.map((v) => scalar(name, v))
          : [scalar(name, value)];
    count += values.length;
    if (count > MAX_PARAMS) throw invalidArgument("body", `more than ${MAX_PARAMS} values`);
    for (const v of values) add(out, name, v);
  }
}

/**
 * Reads the query string, then the body: a form (application/x-www-form-urlencoded) or a
 * JSON object (application/json), in UTF-8. A later value of a name comes after an earlier.
 */
export async function readParams(req: AnyRequest, maxBytes: number): Promise<Params> {
  const out = new Map<string, string[]>();
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  if (q !== -1) addForm(out, url.slice(q + 1), "query");
  const body = await readBody(req, maxBytes);
  if (body.length === 0) return out;
  const [type = "", ...attrs] = (req.headers["content-type"] ?? "").toLowerCase().split(";");
  const charset = attrs.map((a) => a.trim()).find((a) => a.startsWith("charset="));
  if (charset !== undefined && !/^charset="?utf-8"?$/.test(charset)) {
    throw new HttpError(415, "body: only UTF-8 is accepted");
  }
  const text = decode(body);
  switch (type.trim()) {
    case "application/x-www-form-urlencoded":
      addForm(out, text, "body");
      return out;
    case "application/json":
      addJson(out, text);
      return out;
    default:
      throw new HttpError(
        415,
        "body: send application/x-www-form-urlencoded or application/json (or use the query string)",
      );
  }
}

/** The last value of a parameter, or "" when it is absent. */
export function one(params: Params, name: string): string {
  const values = params.get(name);
  return values === undefined ? "" : (values[values.length - 1] as string);
}

/** Every value of a parameter. */
export function all(params: Params, name: string): readonly string[] {
  return params.get(name) ?? [];
}
