// The fake SES as its own process (crash tests, benchmarks):
//
//   node test/support/fake-ses/main.ts --port 0 --rate 50 --latency 20
//
// prints one JSON line {"url": "...", "port": N, "pid": N} on stdout once listening, then
// serves until SIGTERM/SIGINT. Control it over HTTP at /_fake/... (see control.ts).
//
// Flags: --host H (127.0.0.1)  --port N (0)  --rate N  --latency MS|MIN-MAX  --daily-limit N
//        --max-24h N  --max-send-rate N  --sent-last-24h N  --paused
//        --paused-as AccountSendingPausedException|MessageRejected  --sandbox  --no-auto-verify
//        --identity X (repeatable)  --reject ADDRESS (repeatable)  --region R  --no-raw

import { parseArgs } from "node:util";
import { parseLatency } from "./config.ts";
import { createFakeSes, type FakeSesOptions } from "./server.ts";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "0" },
    rate: { type: "string" },
    latency: { type: "string" },
    "daily-limit": { type: "string" },
    "max-24h": { type: "string" },
    "max-send-rate": { type: "string" },
    "sent-last-24h": { type: "string" },
    paused: { type: "boolean", default: false },
    "paused-as": { type: "string" },
    sandbox: { type: "boolean", default: false },
    "no-auto-verify": { type: "boolean", default: false },
    identity: { type: "string", multiple: true, default: [] },
    reject: { type: "string", multiple: true, default: [] },
    region: { type: "string" },
    "no-raw": { type: "boolean", default: false },
  },
  strict: true,
});

function num(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: ${text}`);
  return n;
}

const pausedAs = values["paused-as"];
if (
  pausedAs !== undefined &&
  pausedAs !== "AccountSendingPausedException" &&
  pausedAs !== "MessageRejected"
) {
  throw new Error(`--paused-as: ${pausedAs}`);
}

const options: FakeSesOptions = {
  host: values.host,
  port: num("port", values.port) ?? 0,
  rate: num("rate", values.rate),
  latency: values.latency === undefined ? undefined : parseLatency(values.latency),
  dailyLimit: num("daily-limit", values["daily-limit"]),
  max24HourSend: num("max-24h", values["max-24h"]),
  maxSendRate: num("max-send-rate", values["max-send-rate"]),
  sentLast24Hours: num("sent-last-24h", values["sent-last-24h"]),
  paused: values.paused,
  pausedAs,
  sandbox: values.sandbox,
  autoVerify: !values["no-auto-verify"],
  identities: values.identity,
  rejectAddresses: values.reject,
  region: values.region,
  keepRaw: !values["no-raw"],
};

const fake = await createFakeSes(options);
process.stdout.write(`${JSON.stringify({ url: fake.url, port: fake.port, pid: process.pid })}\n`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void fake.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
