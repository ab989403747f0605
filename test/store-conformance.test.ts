import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe } from "node:test";
import { createMemoryStore } from "../src/store/memory-store.ts";
import { openPostgresStore } from "../src/store/postgres/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { runStoreConformance } from "./store-conformance.ts";
import { createTestDatabase, postgresMissing } from "./support/postgres.ts";

const root = await mkdtemp(join(tmpdir(), "asyncses-conformance-"));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;

runStoreConformance("memory", async () => createMemoryStore());
// Each test gets its own database file.
runStoreConformance("sqlite", async () => openSqliteStore(join(root, `db-${n++}`)));

// Each test gets its own database, dropped when the suite closes the store.
const missing = await postgresMissing();
if (missing === undefined) {
  runStoreConformance("postgres", async () => {
    const db = await createTestDatabase("conformance");
    const store = await openPostgresStore({ url: db.url, poolSize: 4 });
    return {
      ...store,
      async close() {
        await store.close();
        await db.drop();
      },
    };
  });
} else {
  describe("store conformance: postgres", { skip: missing }, () => {});
}
