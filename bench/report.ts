// The benchmark's one table, as text for the terminal and as Markdown, and its rows' shape.

/** One line of the table: a figure of AsyncSES beside its ceiling, and the target it is held to. */
export interface Row {
  readonly scenario: string;
  readonly measure: string;
  /** AsyncSES's figure; undefined when it could not be measured (see note). */
  readonly value: number | undefined;
  readonly unit: string;
  /** What the figure is compared with, measured in the same run (or computed, for a bound). */
  readonly baseline?: { readonly label: string; readonly value: number | undefined };
  /** value / baseline. */
  readonly ratio?: number | undefined;
  /** The project's target, and whether this run met it (undefined: not measured). */
  readonly target?: { readonly text: string; readonly met: boolean | undefined };
  /** A footnote: how it was measured, or why it is missing. */
  readonly note?: string;
}

/** Formats a figure for its unit. */
export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  if (unit === "ms") return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  if (unit === "MB") return `${value.toFixed(0)} MB`;
  if (unit === "rcpt/s") return `${value.toFixed(1)} ${unit}`;
  return `${Math.round(value).toLocaleString("en-US")} ${unit}`;
}

function cells(row: Row, note: string): string[] {
  const baseline = row.baseline
    ? `${formatValue(row.baseline.value, row.unit)} (${row.baseline.label})`
    : "";
  const ratio = row.ratio === undefined ? "" : `${(row.ratio * 100).toFixed(0)}%`;
  const met =
    row.target === undefined
      ? ""
      : row.target.met === undefined
        ? "n/a"
        : row.target.met
          ? "yes"
          : "NO";
  return [
    row.scenario,
    `${row.measure}${note}`,
    formatValue(row.value, row.unit),
    baseline,
    ratio,
    row.target?.text ?? "",
    met,
  ];
}

const HEADER = ["scenario", "measure", "AsyncSES", "baseline", "ratio", "target", "met"];

function numbered(rows: readonly Row[]): { lines: string[][]; notes: string[] } {
  const notes: string[] = [];
  const lines = rows.map((row) => {
    if (row.note === undefined) return cells(row, "");
    notes.push(row.note);
    return cells(row, ` [${notes.length}]`);
  });
  return { lines, notes };
}

/** The table for a terminal: aligned columns, then the numbered notes. */
export function textTable(rows: readonly Row[]): string {
  const { lines, notes } = numbered(rows);
  const all = [HEADER, ...lines];
  const widths = HEADER.map((_, i) => Math.max(...all.map((l) => (l[i] ?? "").length)));
  const fmt = (l: string[]) =>
    l
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [fmt(HEADER), rule, ...lines.map(fmt), "", ...notes.map((n, i) => `[${i + 1}] ${n}`)].join(
    "\n",
  );
}

/** The table in Markdown, then the numbered notes. */
export function markdownTable(rows: readonly Row[]): string {
  const { lines, notes } = numbered(rows);
  const esc = (c: string) => c.replaceAll("|", "\\|");
  const fmt = (l: string[]) => `| ${l.map(esc).join(" | ")} |`;
  return [
    fmt(HEADER),
    `|${HEADER.map(() => "---").join("|")}|`,
    ...lines.map(fmt),
    "",
    ...notes.map((n, i) => `${i + 1}. ${n}`),
  ].join("\n");
}
