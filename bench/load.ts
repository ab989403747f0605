// The load generator: its own process, so the load never shares an event loop (or a core's
// worth of time slices) with the server it measures.
//
//   node bench/load.ts '<LoadSpec as JSON>'
//
// prints one JSON line, a LoadResult, when the job is done.

import { type Client, createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { MailService } from "../gen/ts/asyncses/v1/mail_pb.js";
import {
  type BatchSpec,
  type FillSpec,
  type LoadResult,
  type LoadSpec,
  latencyToken,
  type PacedSpec,
  type UnarySpec,
} from "./load-spec.ts";
import { type BenchMail, createMailPool } from "./messages.ts";
import { quantile } from "./stats.ts";

type Mail = Client<typeof MailService>;

function transportFor(url: string, protocol: "grpc" | "connect-json"): Transport {
  return protocol === "grpc"
    ? createGrpcTransport({ baseUrl: url })
    : createConnectTransport({ baseUrl: url, httpVersion: "2", useBinaryFormat: false });
}

/** Counts what happens inside the measured span [from, to) (performance.now() times). */
function createTally(from: number, to: number) {
  let completed = 0;
  let total = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  return {
    ok(at: number, latencyMs?: number) {
      total++;
      if (at < from || at >= to) return;
      completed++;
      if (latencyMs !== undefined) latencies.push(latencyMs);
    },
    error(err: unknown) {
      errors++;
      firstError ??= err instanceof Error ? err.message : String(err);
    },
    result(cpu: number, seconds = (to - from) / 1000): LoadResult {
      return {
        completed,
        total,
        errors,
        firstError,
        seconds,
        perSecond: completed / seconds,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        cpu,
      };
    },
  };
}

async function unary(spec: UnarySpec, pool: BenchMail[]): Promise<LoadResult> {
  const mail: Mail = createClient(MailService, transportFor(spec.url, spec.protocol));
  const start = performance.now();
  const from = start + spec.warmupMs;
  const to = from + spec.durationMs;
  const tally = createTally(from, to);
  let next = 0;
  const caller = async () => {
    while (performance.now() < to) {
      const m = pool[next++ % pool.length] as BenchMail;
      const t0 = performance.now();
      try {
        await mail.send(m);
        const t1 = performance.now();
        tally.ok(t1, t1 - t0);
      } catch (err) {
        tally.error(err);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, caller));
  return tally.result(0);
}

async function batch(spec: BatchSpec, pool: BenchMail[]): Promise<LoadResult> {
  const mail: Mail = createClient(MailService, transportFor(spec.url, "grpc"));
  const start = performance.now();
  const from = start + spec.warmupMs;
  const to = from + spec.durationMs;
  const tally = createTally(from, to);
  let next = 0;
  async function* items() {
    while (performance.now() < to) yield { message: pool[next++ % pool.length] };
  }
  const stream = async () => {
    try {
      for await (const r of mail.sendBatch(items())) {
        if (r.result.case === "error") tally.error(new Error(r.result.value.message));
        else tally.ok(performance.now());
      }
    } catch (err) {
      tally.error(err);
    }
  };
  await Promise.all(Array.from({ length: spec.streams }, stream));
  return tally.result(0);
}

async function fill(spec: FillSpec, pool: BenchMail[]): Promise<LoadResult> {
  const mail: Mail = createClient(MailService, transportFor(spec.url, "grpc"));
  const tally = createTally(0, Number.POSITIVE_INFINITY);
  const start = performance.now();
  let next = 0;
  async function* items() {
    while (next < spec.count) yield { message: pool[next++ % pool.length] };
  }
  const stream = async () => {
    try {
      for await (const r of mail.sendBatch(items())) {
        if (r.result.case === "error") tally.error(new Error(r.result.value.message));
        else tally.ok(1);
      }
    } catch (err) {
      tally.error(err);
    }
  };
  await Promise.all(Array.from({ length: spec.streams }, stream));
  return tally.result(0, (performance.now() - start) / 1000);
}

async function paced(spec: PacedSpec, pool: BenchMail[]): Promise<LoadResult> {
  const mail: Mail = createClient(MailService, transportFor(spec.url, "grpc"));
  const tally = createTally(0, Number.POSITIVE_INFINITY);
  const sent: { token: string; at: number }[] = [];
  const calls: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round((spec.perSecond * spec.durationMs) / 1000);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / spec.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const m = pool[i % pool.length] as BenchMail;
    const token = latencyToken(i);
    sent.push({ token, at: Date.now() });
    const t0 = performance.now();
    calls.push(
      mail.send({ ...m, subject: `${m.subject} ${token}` }).then(
        () => tally.ok(1, performance.now() - t0),
        (err: unknown) => tally.error(err),
      ),
    );
  }
  await Promise.all(calls);
  return { ...tally.result(0, (performance.now() - start) / 1000), sent };
}

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
const pool = createMailPool(spec.mail);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result =
  spec.kind === "unary"
    ? await unary(spec, pool)
    : spec.kind === "batch"
      ? await batch(spec, pool)
      : spec.kind === "fill"
        ? await fill(spec, pool)
        : await paced(spec, pool);
const used = process.cpuUsage(cpu0);
const cpu = (used.user + used.system) / 1000 / (performance.now() - t0);
process.stdout.write(`${JSON.stringify({ ...result, cpu })}\n`);
process.exit(0);
