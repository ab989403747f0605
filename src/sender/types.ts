import type { SendRequest } from "../../gen/ts/asyncses/v1/mail_pb.js";
import type { SendFailure } from "./outcome.ts";

/** A message on its way out: its id and its validated, canonical request. */
export interface OutboundMail {
  readonly id: string;
  readonly request: SendRequest;
}

/** Hands one message to the mail system. */
export interface Sender {
  /** "ses" or "file". */
  readonly name: string;
  /** Where mail goes, for the start-up log line. */
  readonly target: string;
  /**
   * Sends one message and returns the id the mail system gave it. Throws on failure.
   */
  send(mail: OutboundMail, signal: AbortSignal): Promise<{ readonly sesMessageId: string }>;
  /** Says what an error thrown by `send` means for the message. */
  classify(thrown: unknown): SendFailure;
  /** Frees sockets and handles. */
  close(): Promise<void>;
}
