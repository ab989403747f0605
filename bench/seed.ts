// Queues messages straight into a durable store, through the engine-neutral Store interface,
// in group commits of 1,000: how the memory scenario gets a million messages queued in
// seconds rather than the minutes SendBatch would take. Each message is the benchmark's mail,
// validated and encoded exactly as the outbox does it.
//
//   node bench/seed.ts '{"store": "sqlite", "dataDir": "...", "count": 1000000, "mail": {...}}'
//
// prints {"count": N, "seconds": S} when done.

import { create } from "@bufbuild/protobuf";
import { SendRequestSchema } from "../gen/ts/asyncses/v1/mail_pb.js";
import { loadConfig } from "../src/config/config.ts";
import { validateMail } from "../src/mail/validate.ts";
import { IDEMPOTENCY_WINDOW_MS } from "../src/outbox/outbox.ts";
import { openStore } from "../src/store/open-store.ts";
import type { NewMessage } from "../src/store/types.ts";
import { newId } from "../src/util/id.ts";
import { createMailPool, type MailShape } from "./messages.ts";

interface SeedSpec {
  readonly store: string;
  readonly dataDir: string;
  readonly count: number;
  readonly mail: MailShape;
}

const BATCH = 1000;

const spec = JSON.parse(process.argv[2] ?? "{}") as SeedSpec;
const config = loadConfig({ ASYNCSES_STORE: spec.store, ASYNCSES_DATA_DIR: spec.dataDir });
const store = await openStore(config);
const pool = createMailPool(spec.mail).map((m) => {
  const mail = validateMail(create(SendRequestSchema, m), config.limits);
  return { mail, payload: mail.encoded };
});
const start = performance.now();
let done = 0;
while (done < spec.count) {
  const now = Date.now();
  const items: NewMessage[] = [];
  for (let i = 0; i < BATCH && done + i < spec.count; i++) {
    const { mail, payload } = pool[(done + i) % pool.length] as (typeof pool)[number];
    items.push({
      id: newId(now),
      scope: "anonymous",
      idempotencyKey: mail.idempotencyKey,
      contentHash: mail.contentHash,
      envelope: mail.envelope,
      payload,
      recipientCount: mail.recipientCount,
      acceptedAt: now,
    });
  }
  const outcomes = await store.accept(items, {
    maxBacklog: Number.MAX_SAFE_INTEGER,
    idempotencySince: now - IDEMPOTENCY_WINDOW_MS,
  });
  const refused = outcomes.find((o) => o.kind !== "accepted");
  if (refused) throw new Error(`the store refused a message: ${refused.kind}`);
  done += items.length;
}
await store.close();
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ count: done, seconds })}\n`);
