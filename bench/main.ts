// The benchmark: measures the pipeline against its own ceilings, side by side in one run, and
// prints one table. Not part of `npm test`; every figure is a ratio against a baseline
// measured in the same run, because absolute numbers on a shared machine mean little.
//
//   npm run bench                          # everything, within 10 minutes
//   npm run bench -- --quick               # short spans and small counts, within a minute
//   npm run bench -- --only ingest,latency --json out.json --md out.md
//   npm run bench -- --text-bytes 4000 --html-bytes 8000 --recipients 1-10
//   npm run bench -- --only delivery --cpu-prof .bench/prof   # AsyncSES under node --cpu-prof
//   npm run bench -- --only memory --server-node-flags="--max-semi-space-size=4"
//
// Scenarios: ingest, durability, delivery, rate, memory, latency, postgres (see bench/scenarios/).
// Results: a table on stdout, JSON (--json, default .bench/results.json) and Markdown (--md,
// default .bench/results.md). Exits 1 when a scenario could not run; speed asserts nothing.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Context, SCENARIOS, type Scenario, type ScenarioName } from "./context.ts";
import { detectFeatures } from "./features.ts";
import { describeMachine, machineLine } from "./machine.ts";
import { DEFAULT_SHAPE, type MailShape, parseRecipients } from "./messages.ts";
import { markdownTable, type Row, textTable } from "./report.ts";
import { delivery } from "./scenarios/delivery.ts";
import { durability } from "./scenarios/durability.ts";
import { ingest } from "./scenarios/ingest.ts";
import { latency } from "./scenarios/latency.ts";
import { memory } from "./scenarios/memory.ts";
import { postgres } from "./scenarios/postgres.ts";
import { rate } from "./scenarios/rate.ts";

const ALL: Record<ScenarioName, Scenario> = {
  ingest,
  durability,
  delivery,
  rate,
  memory,
  latency,
  postgres,
};

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", multiple: true, default: [] },
    json: { type: "string", default: ".bench/results.json" },
    md: { type: "string", default: ".bench/results.md" },
    "text-bytes": { type: "string" },
    "html-bytes": { type: "string" },
    recipients: { type: "string" },
    "cpu-prof": { type: "string" },
    "server-node-flags": { type: "string", default: "" },
  },
  strict: true,
});

function bytes(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 5_000_000) {
    throw new Error(`--${name}: expected a whole number of bytes, got ${JSON.stringify(text)}`);
  }
  return n;
}

const only = values.only.flatMap((s) => s.split(",")).map((s) => s.trim());
for (const name of only) {
  if (!(SCENARIOS as readonly string[]).includes(name)) {
    throw new Error(
      `--only: unknown scenario ${JSON.stringify(name)}; known: ${SCENARIOS.join(", ")}`,
    );
  }
}
const selected = SCENARIOS.filter((s) => only.length === 0 || only.includes(s));
const recipients = parseRecipients(
  values.recipients ?? `${DEFAULT_SHAPE.minRecipients}-${DEFAULT_SHAPE.maxRecipients}`,
);
const mail: MailShape = {
  textBytes: bytes("text-bytes", values["text-bytes"], DEFAULT_SHAPE.textBytes),
  htmlBytes: bytes("html-bytes", values["html-bytes"], DEFAULT_SHAPE.htmlBytes),
  minRecipients: recipients.min,
  maxRecipients: recipients.max,
};

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const tmp = mkdtempSync(join(os.tmpdir(), "asyncses-bench-"));
const details: Record<string, Record<string, unknown>> = {};
const failures: { scenario: ScenarioName; error: string }[] = [];
const shared = new Map<string, Promise<unknown>>();
const features = detectFeatures();
const ctx: Context = {
  quick: values.quick,
  mail,
  features,
  selected,
  serverNodeFlags: values["server-node-flags"].split(" ").filter((f) => f !== ""),
  profileDir: values["cpu-prof"] === undefined ? undefined : resolve(values["cpu-prof"]),
  tmp,
  log: (message) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`),
  fail(scenario, thrown) {
    const error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    ctx.log(`scenario ${scenario}: a part failed: ${error}`);
    failures.push({ scenario, error });
    return error.split("\n")[0] as string;
  },
  detail(scenario, key, value) {
    details[scenario] ??= {};
    (details[scenario] as Record<string, unknown>)[key] = value;
  },
  shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let p = shared.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = compute();
      shared.set(key, p);
    }
    return p;
  },
};

const machine = describeMachine();
const args = process.argv.slice(2).map((a) => (/\s/.test(a) ? JSON.stringify(a) : a));
const command = `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`;
ctx.log(`${command}: ${selected.join(", ")}${values.quick ? " (quick)" : ""}`);
const rows: Row[] = [];
const timings: Record<string, number> = {};
try {
  for (const name of selected) {
    const t0 = performance.now();
    ctx.log(`scenario ${name}`);
    try {
      rows.push(...(await (ALL[name] as Scenario).run(ctx)));
    } catch (thrown) {
      const error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
      ctx.log(`scenario ${name} failed: ${error}`);
      failures.push({ scenario: name, error });
      rows.push({
        scenario: name,
        measure: "could not run",
        value: undefined,
        unit: "",
        note: error.split("\n")[0],
      });
    }
    timings[name] = Number(((performance.now() - t0) / 1000).toFixed(1));
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const loadAtEnd = os.loadavg()[0] ?? 0;
const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
const table = textTable(rows);
process.stdout.write(
  `\n${table}\n\n${machineLine(machine, loadAtEnd)}\n${command}: ${seconds} s\n`,
);

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
write(
  values.json,
  `${JSON.stringify(
    {
      command,
      quick: values.quick,
      seconds,
      timings,
      machine: { ...machine, loadAverageAtEnd: Number(loadAtEnd.toFixed(2)) },
      mail,
      features,
      rows,
      details,
      failures,
    },
    null,
    2,
  )}\n`,
);
write(
  values.md,
  [
    `## AsyncSES benchmark${values.quick ? " (quick)" : ""}`,
    "",
    `Machine: ${machineLine(machine, loadAtEnd)}.`,
    "",
    `Command: \`${command}\` (${seconds} s)${ctx.serverNodeFlags.length > 0 ? `; AsyncSES runs with \`node ${ctx.serverNodeFlags.join(" ")}\`` : ""}. Messages: ${mail.textBytes} bytes of text and ${mail.htmlBytes} of HTML, ${mail.minRecipients} to ${mail.maxRecipients} recipients.`,
    "",
    markdownTable(rows),
    "",
  ].join("\n"),
);
ctx.log(`wrote ${values.json} and ${values.md}`);
process.exitCode = failures.length > 0 ? 1 : 0;
