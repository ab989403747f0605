// The delivery ceiling: `concurrency` loops calling SES SendEmail through @aws-sdk/client-ses,
// with the client set up exactly as AsyncSES sets it up (keep-alive sockets, one per caller,
// no SDK retries), and nothing else: no RPC, no store, no queue.
//
//   node bench/bare-sdk.ts '{"endpoint": "...", "concurrency": 50, "warmupMs": 1000,
//                            "durationMs": 5000, "mail": {...MailShape}}'
//
// prints one JSON line, a LoadResult. AWS_REGION and dummy credentials come from the
// environment.

import { SendEmailCommand, type SendEmailCommandInput } from "@aws-sdk/client-ses";
import { createSesClient } from "../src/sender/ses-client.ts";
import type { LoadResult } from "./load-spec.ts";
import { type BenchMail, createMailPool, type MailShape } from "./messages.ts";
import { quantile } from "./stats.ts";

interface BareSdkSpec {
  readonly endpoint: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly mail: MailShape;
}

const content = (data: string) => ({ Data: data, Charset: "UTF-8" });

/** The same SendEmail input AsyncSES builds for a plain message. */
function input(m: BenchMail): SendEmailCommandInput {
  return {
    Source: m.from,
    Destination: { ToAddresses: m.to, CcAddresses: [], BccAddresses: [] },
    Message: {
      Subject: content(m.subject),
      Body: { Text: content(m.text), Html: content(m.html) },
    },
  };
}

const spec = JSON.parse(process.argv[2] ?? "{}") as BareSdkSpec;
const pool = createMailPool(spec.mail);
const client = createSesClient({
  endpoint: spec.endpoint,
  timeoutMs: 30_000,
  maxSockets: spec.concurrency,
});
const cpu0 = process.cpuUsage();
const start = performance.now();
const from = start + spec.warmupMs;
const to = from + spec.durationMs;
let completed = 0;
let total = 0;
let errors = 0;
let firstError: string | undefined;
const latencies: number[] = [];
let next = 0;
const caller = async () => {
  while (performance.now() < to) {
    const m = pool[next++ % pool.length] as BenchMail;
    const t0 = performance.now();
    try {
      await client.send(new SendEmailCommand(input(m)));
      const t1 = performance.now();
      total++;
      if (t1 >= from && t1 < to) {
        completed++;
        latencies.push(t1 - t0);
      }
    } catch (err) {
      errors++;
      firstError ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
  }
};
await Promise.all(Array.from({ length: spec.concurrency }, caller));
const used = process.cpuUsage(cpu0);
const seconds = spec.durationMs / 1000;
const result: LoadResult = {
  completed,
  total,
  errors,
  firstError,
  seconds,
  perSecond: completed / seconds,
  p50Ms: quantile(latencies, 0.5),
  p99Ms: quantile(latencies, 0.99),
  cpu: (used.user + used.system) / 1000 / (performance.now() - start),
};
client.destroy();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
