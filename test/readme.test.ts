import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { SETTINGS } from "../src/config/config.ts";

test("README's configuration table lists every variable with its default", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  for (const s of Object.values(SETTINGS)) {
    // Rows may be padded to align the columns.
    const row = readme
      .split("\n")
      .find((line) => new RegExp(`^\\|\\s*\`${s.name}\`\\s*\\|`).test(line));
    assert.ok(row, `${s.name} is missing from README's configuration table`);
    const cell = row.split("|")[2]?.trim() ?? "";
    assert.equal(cell, s.default === "" ? "" : `\`${s.default}\``, `${s.name}'s default in README`);
  }
});
