import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parseKeysFile, parseKeysList } from "../src/auth/keys.ts";
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

test("README's API key examples are valid", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = /```\n(# <key or sha256:hex>[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, "the keys file example is missing");
  const fromFile = parseKeysFile(block, "README");
  assert.deepEqual(
    fromFile.map((k) => k.scope.startsWith("key-") || k.scope),
    ["shop", "billing", true],
  );
  const list = /`ASYNCSES_API_KEYS='([^']+)'`/.exec(readme)?.[1];
  assert.ok(list, "the variable example is missing");
  assert.deepEqual(
    parseKeysList(list, "README").map((k) => k.senders),
    [undefined, ["bills@example.com", "@shop.example.com"]],
  );
});
