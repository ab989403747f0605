// The send-rate limiter under load: the app (in this process, real clock, real SES client)
// sends a backlog through the fake SES (its own process, 20 ms latency, no rate enforced) with
// ASYNCSES_MAX_SEND_RATE set, for a fixed time. Reports the achieved rate in recipients per
// second and the busiest one-second window, as the fake SES recorded them.
//
//   node bench/rate-bench.ts [rate=200] [seconds=30]

import type { MessageInitShape } from "@bufbuild/protobuf";
import { pino } from "pino";
import type { SendBatchRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { connectClients } from "../test/support/clients.ts";
import { busiestWindow, startFakeSesProcess } from "../test/support/fake-ses/index.ts";
import { sesEnv } from "../test/support/ses-env.ts";

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 30);
// 1 to 5 recipients (3 on average); half again as many as the run can send, so it never runs dry.
const count = Math.ceil((rate * seconds * 1.5) / 3);

const fake = await startFakeSesProcess(["--max-send-rate", "1000", "--latency", "20", "--no-raw"]);
const app = await startApp(
  loadConfig({
    ...sesEnv(fake.url),
    ASYNCSES_PORT: "0",
    ASYNCSES_STORE: "memory",
    ASYNCSES_MAX_SEND_RATE: String(rate),
  }),
  { logger: pino({ level: "warn" }) },
);
const c = connectClients(app.url, "grpc");

async function* backlog(): AsyncIterable<MessageInitShape<typeof SendBatchRequestSchema>> {
  for (let i = 0; i < count; i++) {
    const to = Array.from({ length: 1 + ((i * 7) % 5) }, (_, k) => `r${i}.${k}@example.com`);
    yield { message: { from: "bench@example.com", to, subject: `bench ${i}`, text: "hello" } };
  }
}
let queued = 0;
for await (const r of c.mail.sendBatch(backlog())) if (r.result.case === "id") queued += 1;

// Measure from the first delivery the fake saw, for `seconds`.
let first: number | undefined;
while (first === undefined) {
  first = (await fake.deliveries())[0]?.time;
  if (first === undefined) await new Promise((r) => setTimeout(r, 50));
}
const end = first + seconds * 1000;
await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now()) + 500));
const inWindow = (await fake.deliveries()).filter((d) => d.time >= first && d.time < end);
const status = await c.outbox.status({});
const stats = await fake.stats();
await app.dispose();
await fake.stop();

const recipients = inWindow.reduce((n, d) => n + d.recipients, 0);
// After the first second, whose burst (one second's worth, saved up while the backlog was
// being queued) comes on top of the rate.
const steady = inWindow.filter((d) => d.time >= first + 1000);
const steadyRecipients = steady.reduce((n, d) => n + d.recipients, 0);
const result = {
  configuredRate: rate,
  seconds,
  messagesQueued: queued,
  messagesSent: inWindow.length,
  recipientsSent: recipients,
  achievedRate: Math.round((recipients / seconds) * 10) / 10,
  busiestOneSecondWindow: busiestWindow(inWindow, 1000),
  steadyRateAfterFirstSecond: Math.round((steadyRecipients / (seconds - 1)) * 10) / 10,
  busiestOneSecondWindowAfterFirstSecond: busiestWindow(steady, 1000),
  workingRate: status.limits?.workingSendRate,
  sesThrottles: stats.rateThrottles,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
