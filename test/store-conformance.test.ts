import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { createMemoryStore } from "../src/store/memory-store.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { runStoreConformance } from "./store-conformance.ts";

const root = await mkdtemp(join(tmpdir(), "asyncses-conformance-"));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;

runStoreConformance("memory", async () => createMemoryStore());
// Each test gets its own database file.
runStoreConformance("sqlite", async () => openSqliteStore(join(root, `db-${n++}`)));
