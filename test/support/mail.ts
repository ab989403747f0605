import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { type SendRequest, SendRequestSchema } from "../../gen/ts/asyncses/v1/mail_pb.js";

/** A valid SendRequest; fields may be overridden. */
export function sendRequest(
  over: Omit<MessageInitShape<typeof SendRequestSchema>, "$typeName"> = {},
): SendRequest {
  return create(SendRequestSchema, {
    from: "sender@example.com",
    to: ["rcpt@example.com"],
    subject: "hello",
    text: "body",
    ...over,
  });
}
