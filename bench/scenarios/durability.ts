// Scenario 2, durability cost: the ingest loads against AsyncSES with the SQLite store beside
// the memory store, and SendBatch with SQLite beside the bare server's stream.

import type { Context, Scenario } from "../context.ts";
import type { Row } from "../report.ts";
import { ratio } from "../stats.ts";
import { cpuNote } from "./ingest.ts";
import { INGEST_MODES, MODE_LABEL, sharedIngest } from "./ingest-matrix.ts";

export const durability: Scenario = {
  name: "durability",
  async run(ctx: Context): Promise<Row[]> {
    if (ctx.features.sqlite !== true) {
      const note = `SQLite store ${ctx.features.sqlite}`;
      return [
        ...INGEST_MODES.map(
          (mode): Row => ({
            scenario: "2 durability",
            measure: `${MODE_LABEL[mode]}, SQLite store`,
            value: undefined,
            unit: "msg/s",
            baseline: { label: "memory store", value: undefined },
            note,
          }),
        ),
        {
          scenario: "2 durability",
          measure: `${MODE_LABEL.batch}, SQLite store`,
          value: undefined,
          unit: "msg/s",
          baseline: { label: "bare server", value: undefined },
          target: { text: "≥ 50%", met: undefined },
          note,
        },
      ];
    }
    const matrix = await sharedIngest(ctx);
    ctx.detail("durability", "matrix", matrix);
    const rows = INGEST_MODES.map((mode): Row => {
      const mem = matrix.memory?.[mode];
      const sql = matrix.sqlite?.[mode];
      return {
        scenario: "2 durability",
        measure: `${MODE_LABEL[mode]}, SQLite store`,
        value: sql?.perSecond,
        unit: "msg/s",
        baseline: { label: "memory store", value: mem?.perSecond },
        ratio: ratio(sql?.perSecond, mem?.perSecond),
        note: cpuNote("SQLite", sql),
      };
    });
    const sql = matrix.sqlite?.batch;
    const bare = matrix.bare?.batch;
    const r = ratio(sql?.perSecond, bare?.perSecond);
    rows.push({
      scenario: "2 durability",
      measure: `${MODE_LABEL.batch}, SQLite store`,
      value: sql?.perSecond,
      unit: "msg/s",
      baseline: { label: "bare server", value: bare?.perSecond },
      ratio: r,
      target: { text: "≥ 50%", met: r === undefined ? undefined : r >= 0.5 },
    });
    return rows;
  },
};
