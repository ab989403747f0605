// Where the time goes in a CPU profile written by `node --cpu-prof` (for example by
// `npm run bench -- --only delivery --cpu-prof .bench/prof`): self time by package or source
// file, the functions with the most self time, and the functions with the most time
// including what they call.
//
//   node bench/profile-summary.ts .bench/prof/delivery-memory/CPU.*.cpuprofile [--top 20]
//        [--last SECONDS]   only the samples of the profile's last seconds (a scenario's final
//                           phase, such as a drain, just before the process was stopped)

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

/** This repository's root as a file URL, to show source files by their path in it. */
const ROOT = new URL("..", import.meta.url).href;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The package (node_modules/x or @scope/x), source file, or Node part a frame belongs to. */
function area(url: string, name: string): string {
  if (url === "") return name.startsWith("(") ? name : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith("node:")) return url;
  return url.startsWith(ROOT) ? url.slice(ROOT.length) : url;
}

function frame(n: ProfileNode): string {
  const name = n.callFrame.functionName || "(anonymous)";
  return `${name} ${area(n.callFrame.url, name)}:${n.callFrame.lineNumber + 1}`;
}

function table(title: string, totals: Map<string, number>, all: number, top: number): string {
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([k, us]) =>
        `${((100 * us) / all).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`,
    );
  return [`${title}`, ...rows, ""].join("\n");
}

const { values, positionals } = parseArgs({
  options: { top: { type: "string", default: "20" }, last: { type: "string" } },
  allowPositionals: true,
});
const top = Number(values.top);
const lastUs = values.last === undefined ? Number.POSITIVE_INFINITY : Number(values.last) * 1e6;
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (profile.endTime - at > lastUs) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });

  const byArea = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (n === undefined) continue;
    total += us;
    const name = n.callFrame.functionName;
    if (name === "(idle)") continue;
    busy += us;
    const a = area(n.callFrame.url, name);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    bySelf.set(frame(n), (bySelf.get(frame(n)) ?? 0) + us);
    // Each function on the stack once, however often it recurses.
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const f = byId.get(up);
      if (f === undefined || f.callFrame.functionName === "(root)") continue;
      const key = frame(f);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  process.stdout.write(
    [
      `${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
      "",
      table("self time by package or file", byArea, busy, top),
      table("self time by function", bySelf, busy, top),
      table("time including callees", inclusive, busy, top),
    ].join("\n"),
  );
}
