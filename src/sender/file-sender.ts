import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildMime } from "../mail/mime.ts";
import { coerceError } from "../util/errors.ts";
import type { SendFailure } from "./outcome.ts";
import type { Sender } from "./types.ts";

/**
 * Writes each message as `<id>.eml` into a folder, for running without an AWS account.
 * The file appears whole or not at all (written beside it, then renamed).
 */
export async function createFileSender(dir: string): Promise<Sender> {
  await mkdir(dir, { recursive: true });
  return {
    name: "file",
    target: dir,
    async send(mail, signal) {
      const mime = await buildMime(mail.request, `<${mail.id}@asyncses.local>`);
      const final = join(dir, `${mail.id}.eml`);
      const temp = `${final}.${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(temp, mime, { signal });
      await rename(temp, final);
      return { sesMessageId: `file-${mail.id}` };
    },
    classify: classifyFileError,
    async close() {},
  };
}

/** File errors (disk full, permissions) may clear up: they are transient. */
export function classifyFileError(thrown: unknown): SendFailure {
  const err = coerceError(thrown) as Error & { code?: string };
  return { kind: "transient", code: err.code ?? err.name, message: err.message, rejected: false };
}
