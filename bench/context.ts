// What every scenario is given: the run's options, what the checkout supports, a place for
// temporary files, progress output, and measurements shared between scenarios.

import type { Features } from "./features.ts";
import type { MailShape } from "./messages.ts";
import type { Row } from "./report.ts";

/** The scenarios, in the order they run. */
export const SCENARIOS = [
  "ingest",
  "durability",
  "delivery",
  "rate",
  "memory",
  "latency",
  "postgres",
] as const;

/** A scenario's name. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** The run as a scenario sees it. */
export interface Context {
  /** Short spans and small counts: finishes within a minute, proves the program works. */
  readonly quick: boolean;
  readonly mail: MailShape;
  readonly features: Features;
  /** The scenarios selected for this run. */
  readonly selected: readonly ScenarioName[];
  /** Extra Node.js flags for every AsyncSES process (e.g. V8 heap limits). */
  readonly serverNodeFlags: readonly string[];
  /** When set, every AsyncSES process writes a CPU profile (node --cpu-prof) here on exit. */
  readonly profileDir: string | undefined;
  /** A folder for data directories, removed at the end. */
  readonly tmp: string;
  /** Progress on stderr. */
  log(message: string): void;
  /** Records a part of a scenario that could not run (the run then exits 1), and goes on. */
  fail(scenario: ScenarioName, error: unknown): string;
  /** Raw measurements, kept in the JSON results under the scenario's name. */
  detail(scenario: ScenarioName, key: string, value: unknown): void;
  /** Runs `compute` once per key, for measurements two scenarios share. */
  shared<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** A scenario: measures, and returns its rows of the table. */
export interface Scenario {
  readonly name: ScenarioName;
  run(ctx: Context): Promise<Row[]>;
}

/** Picks the full or the quick value. */
export function pick<T>(ctx: Context, full: T, quick: T): T {
  return ctx.quick ? quick : full;
}
