import type { SendEmailCommandInput, SendRawEmailCommandInput } from "@aws-sdk/client-ses";
import { encodeWord } from "nodemailer/lib/mime-funcs";
import type { SendRequest } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { buildMime } from "../mail/mime.ts";

/** True when the message needs raw MIME: SendEmail cannot carry extra headers or attachments. */
export function needsRaw(req: SendRequest): boolean {
  return req.attachments.length > 0 || Object.keys(req.headers).length > 0;
}

/**
 * A canonical address (`"Name" <a@b>` or `a@b`) as SES's SendEmail takes it: a display name
 * outside ASCII is given in MIME encoded-word syntax.
 */
export function sesAddress(canonical: string): string {
  if (/^[\x20-\x7e]*$/.test(canonical)) return canonical;
  const match = /^"((?:[^"\\]|\\.)*)" <([^>]+)>$/.exec(canonical);
  if (!match) return canonical;
  const name = (match[1] as string).replace(/\\(.)/g, "$1");
  return `${encodeWord(name, "B")} <${match[2]}>`;
}

const content = (data: string) => ({ Data: data, Charset: "UTF-8" });

/** The input of SES SendEmail for a message without extra headers or attachments. */
export function toSendEmail(req: SendRequest): SendEmailCommandInput {
  return {
    Source: sesAddress(req.from),
    Destination: {
      ToAddresses: req.to.map(sesAddress),
      CcAddresses: req.cc.map(sesAddress),
      BccAddresses: req.bcc.map(sesAddress),
    },
    ReplyToAddresses: req.replyTo.length > 0 ? req.replyTo.map(sesAddress) : undefined,
    Message: {
      Subject: content(req.subject),
      Body: {
        Text: req.text === "" ? undefined : content(req.text),
        Html: req.html === "" ? undefined : content(req.html),
      },
    },
    Tags: req.tags.length > 0 ? req.tags.map((t) => ({ Name: t.name, Value: t.value })) : undefined,
    ConfigurationSetName: req.configurationSet === "" ? undefined : req.configurationSet,
  };
}

/** The input of SES SendRawEmail: the built MIME message and every recipient, Bcc included. */
export async function toSendRawEmail(
  req: SendRequest,
  messageId: string,
): Promise<SendRawEmailCommandInput> {
  return {
    RawMessage: { Data: await buildMime(req, messageId) },
    Source: sesAddress(req.from),
    Destinations: [...req.to, ...req.cc, ...req.bcc].map(sesAddress),
    Tags: req.tags.length > 0 ? req.tags.map((t) => ({ Name: t.name, Value: t.value })) : undefined,
    ConfigurationSetName: req.configurationSet === "" ? undefined : req.configurationSet,
  };
}
