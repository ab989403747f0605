// Throughput of the fake SES on its own process: N SendEmail calls over keep-alive
// connections with no latency.   node bench/fake-ses.ts [count=20000] [connections=32]

import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { startFakeSesProcess } from "../test/support/fake-ses/index.ts";

const count = Number(process.argv[2] ?? 20000);
const connections = Number(process.argv[3] ?? 32);
const fake = await startFakeSesProcess([]);
const url = new URL(fake.url);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const body =
  "Action=SendEmail&Version=2010-12-01&Source=a%40example.com&Destination.ToAddresses.member.1=b%40example.com" +
  "&Message.Subject.Data=bench&Message.Body.Text.Data=hello";

const one = () =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: "/",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": body.length,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });

let next = 0;
const worker = async () => {
  while (next < count) {
    next++;
    await one();
  }
};
const start = performance.now();
await Promise.all(Array.from({ length: connections }, worker));
const seconds = (performance.now() - start) / 1000;
const stats = await fake.stats();
// CPU seconds the fake's process used (utime + stime from /proc, in clock ticks of 1/100 s).
const fields = readFileSync(`/proc/${fake.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
const serverCpu = (Number(fields[11]) + Number(fields[12])) / 100;
console.log(
  JSON.stringify({
    count,
    connections,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(count / seconds),
    delivered: stats.delivered,
    serverCpuSeconds: serverCpu,
    serverCapacityPerSecond: Math.round(count / serverCpu),
  }),
);
agent.destroy();
await fake.stop();
