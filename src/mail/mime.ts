import MailComposer from "nodemailer/lib/mail-composer";
import type { SendRequest } from "../../gen/ts/asyncses/v1/mail_pb.js";

/**
 * Builds the RFC 5322 message (MIME, CRLF line breaks) for a validated request. nodemailer
 * encodes Unicode subjects and names, folds headers and leaves Bcc out of the headers.
 * It is told never to read files or URLs: every part comes from the request itself.
 */
export function buildMime(req: SendRequest, messageId: string): Promise<Buffer> {
  const composer = new MailComposer({
    from: req.from,
    to: req.to,
    cc: req.cc,
    bcc: req.bcc,
    replyTo: req.replyTo,
    subject: req.subject,
    messageId,
    text: req.text === "" ? undefined : req.text,
    html: req.html === "" ? undefined : req.html,
    headers: req.headers,
    attachments: req.attachments.map((a) => ({
      filename: a.filename === "" ? undefined : a.filename,
      contentType: a.contentType === "" ? undefined : a.contentType,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      cid: a.contentId === "" ? undefined : a.contentId,
      contentDisposition: a.contentId === "" ? "attachment" : "inline",
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: "\r\n",
  });
  return composer.compile().build();
}
