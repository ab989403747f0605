import type { Handler } from "./http-server.ts";

/** Answers requests for paths nothing serves: 404 with a JSON body saying so. */
export const notFound: Handler = (req, res) => {
  const body = JSON.stringify({
    code: "not_found",
    message: `no route for ${req.method} ${req.url?.split("?")[0]}`,
  });
  res.statusCode = 404;
  res.setHeader("content-type", "application/json");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
};
