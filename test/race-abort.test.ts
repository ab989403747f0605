import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { test } from "node:test";
import { raceAbort } from "../src/util/race-abort.ts";

test("the first event to settle wins, and nothing stays on the signal", async () => {
  const abort = new AbortController();
  const never = new Promise<string>(() => {});
  for (let i = 0; i < 1000; i++) {
    assert.equal(await raceAbort([never, Promise.resolve(`item ${i}`)], abort.signal), `item ${i}`);
  }
  assert.equal(getEventListeners(abort.signal, "abort").length, 0);
});

test("an abort wins over events that never settle, before or during the race", async () => {
  const never = new Promise<string>(() => {});
  assert.deepEqual(await raceAbort([never], AbortSignal.abort()), { kind: "stopped" });
  const abort = new AbortController();
  const racing = raceAbort([never], abort.signal);
  abort.abort();
  assert.deepEqual(await racing, { kind: "stopped" });
});

test("a rejection is passed on", async () => {
  const abort = new AbortController();
  await assert.rejects(raceAbort([Promise.reject(new Error("broken input"))], abort.signal), {
    message: "broken input",
  });
  assert.equal(getEventListeners(abort.signal, "abort").length, 0);
});
