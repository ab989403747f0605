import { type SESClient, SendEmailCommand, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { classifySesError } from "./ses-errors.ts";
import { needsRaw, toSendEmail, toSendRawEmail } from "./ses-request.ts";
import type { Sender } from "./types.ts";

/** Sends through Amazon SES v1: SendEmail for plain messages, SendRawEmail otherwise. */
export function createSesSender(client: SESClient, target: string): Sender {
  return {
    name: "ses",
    target,
    async send(mail, signal) {
      const req = mail.request;
      const out = needsRaw(req)
        ? await client.send(
            new SendRawEmailCommand(await toSendRawEmail(req, `<${mail.id}@asyncses.local>`)),
            {
              abortSignal: signal,
            },
          )
        : await client.send(new SendEmailCommand(toSendEmail(req)), { abortSignal: signal });
      if (!out.MessageId) throw new Error("SES answered without a MessageId");
      return { sesMessageId: out.MessageId };
    },
    classify: classifySesError,
    async close() {
      client.destroy();
    },
  };
}
