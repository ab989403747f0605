import type { SendRequest } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { invalidArgument, tooLarge } from "../errors.ts";
import { CONTROL_EXCEPT_TAB } from "./headers.ts";
import type { MailLimits } from "./limits.ts";

const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
/** Printable ASCII without spaces or angle brackets. */
const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/;

/** Checks the attachments: their count, size, file names, types and content ids. */
export function checkAttachments(req: SendRequest, limits: MailLimits): void {
  if (req.attachments.length > limits.maxAttachments) {
    throw invalidArgument(
      "attachments",
      `${req.attachments.length} attachments; at most ${limits.maxAttachments} are allowed`,
    );
  }
  for (const [i, a] of req.attachments.entries()) {
    const field = `attachments[${i}]`;
    if (a.content.byteLength > limits.maxAttachmentBytes) {
      throw tooLarge(
        `${field}.content`,
        `is ${a.content.byteLength} bytes; at most ${limits.maxAttachmentBytes} are allowed`,
      );
    }
    if (a.filename.trim() === "" && a.contentId === "")
      throw invalidArgument(`${field}.filename`, "is required");
    if (CONTROL_EXCEPT_TAB.test(a.filename))
      throw invalidArgument(`${field}.filename`, "must not contain CR, LF or control characters");
    if (a.filename.length > 255)
      throw invalidArgument(`${field}.filename`, "is longer than 255 characters");
    if (a.contentType !== "" && !MIME_TYPE.test(a.contentType)) {
      throw invalidArgument(
        `${field}.contentType`,
        `${JSON.stringify(a.contentType.slice(0, 100))} is not a MIME type like text/plain`,
      );
    }
    if (a.contentId !== "" && !CONTENT_ID.test(a.contentId)) {
      throw invalidArgument(
        `${field}.contentId`,
        "must be printable ASCII without spaces or angle brackets",
      );
    }
  }
}
