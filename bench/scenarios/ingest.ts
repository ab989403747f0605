// Scenario 1, ingest: unary Send over gRPC and over Connect JSON, and SendBatch, each beside
// the bare Connect server under the same load (same messages, same concurrency).

import type { Context, Scenario } from "../context.ts";
import type { Row } from "../report.ts";
import { ratio } from "../stats.ts";
import {
  BATCH_STREAMS,
  INGEST_MODES,
  type IngestFigure,
  MODE_LABEL,
  sharedIngest,
  UNARY_CONCURRENCY,
} from "./ingest-matrix.ts";

/** The CPU figures behind a ratio, for its footnote. */
export function cpuNote(label: string, f: IngestFigure | undefined): string {
  if (f === undefined) return "";
  const pct = (x: number | undefined) => (x === undefined ? "?" : `${Math.round(x * 100)}%`);
  const us = f.serverCpuUsPerMessage === undefined ? "?" : Math.round(f.serverCpuUsPerMessage);
  const errors = f.errors > 0 ? `, ${f.errors} errors (${f.firstError})` : "";
  return `${label}: rounds ${f.rounds.join(", ")}/s, server CPU ${pct(f.serverCpu)} of a core (${us} µs per message), load generator ${pct(f.loadCpu)}${errors}`;
}

export const ingest: Scenario = {
  name: "ingest",
  async run(ctx: Context): Promise<Row[]> {
    const matrix = await sharedIngest(ctx);
    ctx.detail("ingest", "matrix", matrix);
    ctx.detail("ingest", "load", {
      unaryConcurrency: UNARY_CONCURRENCY,
      batchStreams: BATCH_STREAMS,
    });
    return INGEST_MODES.map((mode): Row => {
      const bare = matrix.bare?.[mode];
      const mem = matrix.memory?.[mode];
      const r = ratio(mem?.perSecond, bare?.perSecond);
      const unary = mode !== "batch";
      return {
        scenario: "1 ingest",
        measure: `${MODE_LABEL[mode]}, memory store`,
        value: mem?.perSecond,
        unit: "msg/s",
        baseline: { label: "bare server", value: bare?.perSecond },
        ratio: r,
        target: unary ? { text: "≥ 70%", met: r === undefined ? undefined : r >= 0.7 } : undefined,
        note: `${cpuNote("AsyncSES", mem)}; ${cpuNote("bare", bare)}`,
      };
    });
  },
};
