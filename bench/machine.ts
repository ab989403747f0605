// A description of the machine and the checkout, for the report: numbers mean little
// without them.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

/** What the benchmark ran on. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly commit: string;
  /** 1-minute load average when the run started: other work on the machine. */
  readonly loadAverageAtStart: number;
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

function distro(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    return m?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

/** Describes this machine now. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  const dirty =
    git(["status", "--porcelain", "--untracked-files=no"]) === "" ? "" : " (with local changes)";
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${distro()}, Linux ${os.release()}`,
    node: process.version,
    commit: `${git(["rev-parse", "--short", "HEAD"])}${dirty}`,
    loadAverageAtStart: Number((os.loadavg()[0] ?? 0).toFixed(2)),
  };
}

/** One line for the report. */
export function machineLine(m: Machine, loadAtEnd: number): string {
  return `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, commit ${m.commit}; 1-minute load average ${m.loadAverageAtStart} at the start and ${loadAtEnd.toFixed(2)} at the end`;
}
