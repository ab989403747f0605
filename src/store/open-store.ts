import type { Config } from "../config/config.ts";
import { createMemoryStore } from "./memory-store.ts";
import { openPostgresStore } from "./postgres/postgres-store.ts";
import { openSqliteStore } from "./sqlite/sqlite-store.ts";
import type { Store } from "./types.ts";

/** Opens the configured store engine. */
export async function openStore(config: Config): Promise<Store> {
  switch (config.store) {
    case "memory":
      return createMemoryStore();
    case "sqlite":
      return openSqliteStore(config.dataDir);
    case "postgres":
      return openPostgresStore({
        url: config.databaseUrl ?? "",
        poolSize: config.databasePool,
      });
  }
}
