// The framework's ceiling: a Connect server on the same one-port HTTP/1.1 + h2c listener as
// AsyncSES, implementing MailService.Send and SendBatch by answering at once. It decodes
// requests and encodes answers (Connect does that for every server) and does nothing else.
//
//   node bench/bare-server.ts
//
// prints {"url": "...", "pid": N} once listening; SIGTERM stops it.

import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { pino } from "pino";
import { MailService } from "../gen/ts/asyncses/v1/mail_pb.js";
import { loadConfig } from "../src/config/config.ts";
import { listen } from "../src/server/http-server.ts";

/** An id of the same length as AsyncSES's. */
const ID = "01a242a6-3a53-7b53-8895-f87641696fc1";

const routes = (router: ConnectRouter) =>
  router.service(MailService, {
    async send() {
      return { id: ID };
    },
    async *sendBatch(requests) {
      let index = 0;
      for await (const _ of requests) yield { index: index++, result: { case: "id", value: ID } };
    },
  });

const logger = pino({ level: "silent" });
const server = await listen({
  host: "127.0.0.1",
  port: 0,
  tls: undefined,
  handler: connectNodeAdapter({
    routes,
    // The same request size limit as AsyncSES with its defaults.
    readMaxBytes: loadConfig({}).maxRequestBytes,
  }),
  logger,
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

const stop = () => {
  void server.close(1000).then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
