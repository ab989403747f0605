import { readdirSync, readFileSync } from "node:fs";

/** One numbered migration file. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Reads `NNNN_name.sql` files from a folder, in version order. */
export function readMigrations(dir: URL): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
  const migrations = files.map((file) => {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file ${file} is not named NNNN_name.sql`);
    return {
      version: Number(match[1]),
      name: match[2] as string,
      sql: readFileSync(new URL(file, dir), "utf8"),
    };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i + 1} is missing in ${dir.pathname}`);
  });
  return migrations;
}
