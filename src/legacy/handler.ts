import type { KeyRing } from "../auth/key-ring.ts";
import type { Logger } from "../logger.ts";
import type { Handler } from "../server/http-server.ts";
import type { Services } from "../services.ts";
import { coerceError } from "../util/errors.ts";
import { HttpError } from "./http-error.ts";
import { INDEX_PAGE } from "./index-page.ts";
import { one, readParams } from "./params.ts";
import { send, sendError, sendJson } from "./responses.ts";
import { createRoutes } from "./routes.ts";

/** What the original HTTP routes need. */
export interface LegacyDeps {
  readonly services: Services;
  readonly keys: KeyRing;
  readonly maxRequestBytes: number;
  readonly logger: Logger;
  /** Serves every other path. */
  readonly fallback: Handler;
}

const ALLOW = { allow: "GET, POST" };

/**
 * Serves the original AsyncSES HTTP API (/add, /status, /quota, /statistics, /verify,
 * /verify/add, /verify/del and the index page) by GET and POST, a trailing slash
 * tolerated, authenticated like the RPCs; other paths go to the fallback.
 */
export function createLegacyHandler(deps: LegacyDeps): Handler {
  const routes = createRoutes();
  return (req, res) => {
    const url = req.url ?? "/";
    const rawPath = url.split("?", 1)[0] as string;
    const path = rawPath.replace(/\/+$/, "") || "/";
    const route = routes.get(path);
    if (path !== "/" && !route) {
      deps.fallback(req, res);
      return;
    }
    const method = req.method ?? "";
    if (method !== "GET" && method !== "POST") {
      sendError(res, new HttpError(405, `${path} takes GET or POST`, ALLOW), deps.logger);
      return;
    }
    if (!route) {
      send(res, 200, "text/html; charset=utf-8", INDEX_PAGE);
      return;
    }
    const gone = new AbortController();
    res.once("close", () => gone.abort());
    (async () => {
      const params = await readParams(req, deps.maxRequestBytes);
      const authorization = req.headers.authorization;
      const caller = deps.keys.authenticate(authorization, one(params, "key"));
      return route({ services: deps.services, caller, params, signal: gone.signal });
    })()
      .then(
        (value) => sendJson(res, 200, value),
        (thrown: unknown) => sendError(res, thrown, deps.logger),
      )
      .catch((err: unknown) => {
        // Writing failed: the client is gone (a reset HTTP/2 stream, a closed socket).
        deps.logger.debug({ err: coerceError(err) }, "could not answer a request");
      });
  };
}
