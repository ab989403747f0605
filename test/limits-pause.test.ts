import assert from "node:assert/strict";
import { test } from "node:test";
import { createPause } from "../src/limits/pause.ts";

test("paused: everything is held until the probe time; one probe goes; an answer resumes", () => {
  const p = createPause(60_000);
  assert.deepEqual(p.admit(0), { kind: "go", probe: false });
  assert.equal(p.onPaused("Account sending paused", false, 1000), true);
  assert.equal(p.paused, true);
  assert.deepEqual(p.admit(2000), { kind: "hold", until: 61_000 });
  assert.deepEqual(p.peek(61_000), { kind: "go", probe: true });
  assert.deepEqual(p.admit(61_000), { kind: "go", probe: true });
  // While the probe is out, the others look again a second later.
  assert.deepEqual(p.admit(61_000), { kind: "hold", until: 62_000 });
  // Answers to sends that went before the pause say nothing.
  assert.equal(p.onAnswered(false, true, 61_500), false);
  assert.equal(p.paused, true);
  assert.equal(p.onAnswered(true, true, 62_000), true);
  assert.equal(p.paused, false);
  assert.deepEqual(p.admit(62_000), { kind: "go", probe: false });
});

test("a probe answered 'paused' or inconclusively schedules the next one", () => {
  const p = createPause(10_000);
  p.onPaused("paused", false, 0);
  assert.deepEqual(p.admit(10_000), { kind: "go", probe: true });
  assert.equal(p.onPaused("paused", true, 10_500), false);
  assert.equal(p.nextProbeAt, 20_500);
  assert.deepEqual(p.admit(20_500), { kind: "go", probe: true });
  assert.equal(p.onAnswered(true, false, 21_000), false);
  assert.equal(p.nextProbeAt, 31_000);
});

test("a probe that never reports does not block probing for ever", () => {
  const p = createPause(10_000);
  p.onPaused("paused", false, 0);
  assert.equal(p.admit(10_000).kind, "go");
  assert.equal(p.admit(15_000).kind, "hold");
  assert.deepEqual(p.admit(20_001), { kind: "go", probe: true });
});
