// Scenario 7, postgres: ingest and delivery with one and with three instances sharing one
// PostgreSQL database, beside SQLite on one instance under the same load.
//
// Ingest: SendBatch for a span against instances whose delivery is parked, the streams spread
// over the instances. Delivery: a drain, as in scenario 3: SendBatch fills the outbox while the
// fake SES holds every worker's first call, then the rate at which the fake receives the
// backlog, from all the instances together. PostgreSQL comes from scripts/postgres.sh (or
// ASYNCSES_TEST_DATABASE_URL); each setup gets a database of its own, dropped after.

import { setTimeout as sleep } from "node:timers/promises";
import type { FakeSesProcess } from "../../test/support/fake-ses/index.ts";
import { createTestDatabase, postgresMissing } from "../../test/support/postgres.ts";
import { type Context, pick, type Scenario } from "../context.ts";
import type { Row } from "../report.ts";
import { median, ratio } from "../stats.ts";
import {
  type AsyncSes,
  parked,
  runLoad,
  type StoreName,
  startAsyncSes,
  startFake,
  startParkedFake,
} from "../targets.ts";

const WORKERS = 50;
/** SendBatch streams in all, spread over the instances. */
const STREAMS = 3;

interface Setup {
  readonly label: string;
  readonly store: StoreName;
  readonly instances: number;
}
const SETUPS: readonly Setup[] = [
  { label: "sqlite, 1 instance", store: "sqlite", instances: 1 },
  { label: "postgres, 1 instance", store: "postgres", instances: 1 },
  { label: "postgres, 3 instances", store: "postgres", instances: 3 },
];

/** Starts the setup's instances on a fresh database (postgres) or folder (sqlite). */
async function startSetup(
  ctx: Context,
  setup: Setup,
  name: string,
  options: (databaseUrl: string | undefined) => Parameters<typeof startAsyncSes>[2],
): Promise<{ servers: AsyncSes[]; stop(): Promise<void> }> {
  const db = setup.store === "postgres" ? await createTestDatabase("bench") : undefined;
  const servers: AsyncSes[] = [];
  try {
    // One after the other: the first migrates, the others find the schema ready.
    for (let i = 0; i < setup.instances; i++)
      servers.push(await startAsyncSes(ctx, `${name}-${i}`, options(db?.url)));
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
    throw err;
  }
  return {
    servers,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await db?.drop();
    },
  };
}

/** SendBatch over STREAMS streams spread over the servers, for the span: messages/s. */
async function batchLoad(ctx: Context, servers: AsyncSes[], warmupMs: number, durationMs: number) {
  const results = await Promise.all(
    Array.from({ length: STREAMS }, (_, i) =>
      runLoad(
        {
          kind: "batch",
          url: (servers[i % servers.length] as AsyncSes).url,
          streams: 1,
          warmupMs,
          durationMs,
          mail: ctx.mail,
        },
        warmupMs + durationMs + 60_000,
      ),
    ),
  );
  const errors = results.reduce((n, r) => n + r.errors, 0);
  if (errors > 0) throw new Error(`SendBatch failed: ${results.find((r) => r.errors)?.firstError}`);
  return {
    perSecond: results.reduce((n, r) => n + r.perSecond, 0),
    total: results.reduce((n, r) => n + r.total, 0),
  };
}

async function ingest(ctx: Context, setup: Setup, fake: FakeSesProcess): Promise<number> {
  const run = await startSetup(ctx, setup, "pg-ingest", (url) =>
    parked(setup.store, fake, 100_000_000, url),
  );
  try {
    const r = await batchLoad(ctx, run.servers, pick(ctx, 1000, 200), pick(ctx, 3000, 400));
    return r.perSecond;
  } finally {
    await run.stop();
  }
}

/** Fills while the fake holds the workers' first calls, then measures the drain: messages/s. */
async function drain(ctx: Context, setup: Setup, fake: FakeSesProcess): Promise<number> {
  const run = await startSetup(ctx, setup, "pg-delivery", (databaseUrl) => ({
    store: setup.store,
    ses: fake,
    workers: WORKERS,
    outboxMaxSize: 100_000_000,
    databaseUrl,
  }));
  try {
    const fillMs = pick(ctx, 4000, 500);
    const windowMs = pick(ctx, 5000, 800);
    await fake.reset();
    await fake.clearFaults();
    const holdMs = fillMs + pick(ctx, 1500, 800);
    const heldAt = performance.now();
    await fake.inject(
      { kind: "slow", ms: holdMs, delivered: true },
      { times: WORKERS * setup.instances },
    );
    const fill = await batchLoad(ctx, run.servers, 0, fillMs);
    const released = heldAt + holdMs + 100;
    if (performance.now() < released) await sleep(released - performance.now());
    const before = await fake.stats();
    const t0 = performance.now();
    let after = before;
    let t1 = t0;
    do {
      await sleep(250);
      after = await fake.stats();
      t1 = performance.now();
    } while (after.delivered < fill.total && t1 - t0 < windowMs);
    return (after.delivered - before.delivered) / ((t1 - t0) / 1000);
  } finally {
    await run.stop();
  }
}

export const postgres: Scenario = {
  name: "postgres",
  async run(ctx: Context): Promise<Row[]> {
    const missing =
      ctx.features.postgres !== true
        ? `PostgreSQL store ${ctx.features.postgres}`
        : ctx.features.sqlite !== true
          ? `SQLite store ${ctx.features.sqlite}`
          : await postgresMissing();
    if (missing !== undefined) {
      return [
        {
          scenario: "7 postgres",
          measure: "ingest and delivery",
          value: undefined,
          unit: "",
          note: missing,
        },
      ];
    }
    const rounds = pick(ctx, 2, 1);
    const figures = new Map<string, { ingest: number[]; delivery: number[] }>();
    const parkedFake = await startParkedFake();
    const fast = await startFake(0);
    try {
      for (let round = 1; round <= rounds; round++) {
        for (const setup of SETUPS) {
          const f = figures.get(setup.label) ?? { ingest: [], delivery: [] };
          f.ingest.push(await ingest(ctx, setup, parkedFake));
          f.delivery.push(await drain(ctx, setup, fast));
          figures.set(setup.label, f);
          ctx.log(
            `postgres round ${round}/${rounds}: ${setup.label}: ingest ${Math.round(f.ingest.at(-1) ?? 0)}/s, delivery ${Math.round(f.delivery.at(-1) ?? 0)}/s`,
          );
        }
      }
    } finally {
      await parkedFake.stop();
      await fast.stop();
    }
    ctx.detail("postgres", "rounds", Object.fromEntries(figures));
    const base = figures.get(SETUPS[0]?.label as string);
    const baseIngest = median(base?.ingest ?? []);
    const baseDelivery = median(base?.delivery ?? []);
    const rows: Row[] = [];
    for (const setup of SETUPS) {
      const f = figures.get(setup.label);
      const i = median(f?.ingest ?? []);
      const d = median(f?.delivery ?? []);
      const first = setup === SETUPS[0];
      const rounded = (xs: number[] | undefined) => (xs ?? []).map(Math.round).join(", ");
      rows.push(
        {
          scenario: "7 postgres",
          measure: `SendBatch (${STREAMS} streams over the instances), ${setup.label}`,
          value: i,
          unit: "msg/s",
          baseline: first ? undefined : { label: SETUPS[0]?.label as string, value: baseIngest },
          ratio: first ? undefined : ratio(i, baseIngest),
          note: `rounds ${rounded(f?.ingest)}/s; delivery parked`,
        },
        {
          scenario: "7 postgres",
          measure: `delivery, SES answering at once, ${WORKERS} workers each, ${setup.label}`,
          value: d,
          unit: "msg/s",
          baseline: first ? undefined : { label: SETUPS[0]?.label as string, value: baseDelivery },
          ratio: first ? undefined : ratio(d, baseDelivery),
          note: `rounds ${rounded(f?.delivery)}/s, a drain of what SendBatch queued while the fake held the workers`,
        },
      );
    }
    return rows;
  },
};
