import { h1Request, type RawResponse } from "./raw-http.ts";

/** How a legacy call carries its parameters. */
export type Via = "GET" | "POST query" | "POST form" | "POST json";

/** Every way a legacy route takes parameters. */
export const VIAS: readonly Via[] = ["GET", "POST query", "POST form", "POST json"];

/** A parameter value: a string, repeated strings, or (for headers) an object. */
export type ParamValue = string | readonly string[] | Record<string, string>;

function encode(params: Record<string, ParamValue>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string") q.append(name, value);
    else if (Array.isArray(value)) for (const v of value) q.append(name, v);
    else q.append(name, JSON.stringify(value));
  }
  return q.toString();
}

/** Calls a route of the original HTTP API over HTTP/1.1; JSON answers are parsed into `json`. */
export async function callLegacy(
  baseUrl: string,
  path: string,
  via: Via,
  params: Record<string, ParamValue> = {},
  headers: Record<string, string> = {},
): Promise<RawResponse & { json: unknown }> {
  const query = encode(params);
  const res = await h1Request(baseUrl, {
    method: via === "GET" ? "GET" : "POST",
    path: via === "GET" || via === "POST query" ? `${path}${query ? `?${query}` : ""}` : path,
    headers: {
      ...(via === "POST form" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...(via === "POST json" ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: via === "POST form" ? query : via === "POST json" ? JSON.stringify(params) : undefined,
  });
  const type = String(res.headers["content-type"] ?? "");
  return Object.assign(res, {
    json: type.startsWith("application/json") ? JSON.parse(res.text) : undefined,
  });
}
