import { coerceError } from "../util/errors.ts";
import type { SendFailure } from "./outcome.ts";

/** SES answers that mean this one message can never be sent. */
const PERMANENT = new Set([
  "MessageRejected",
  "InvalidParameterValue",
  "MailFromDomainNotVerifiedException",
  "ConfigurationSetDoesNotExistException",
  "ConfigurationSetSendingPausedException",
  "InvalidParameterCombination",
]);

/**
 * Answers about the account or its credentials, not the message. Failing messages for them
 * would throw away mail because of a setting an operator can fix, so sending pauses instead.
 */
const ACCOUNT = new Set([
  "AccountSendingPausedException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "AccessDenied",
  "AccessDeniedException",
  "UnrecognizedClientException",
  "ExpiredToken",
  "ExpiredTokenException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "OptInRequired",
]);

/** Node socket errors once connected: the request may have reached SES. */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);

/** Errors before a connection was made: the request never reached SES. */
const NOT_CONNECTED_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * False when the error shows the request never left: no connection was made. Anything else
 * that ends without an answer (a request timeout, a reset connection) is ambiguous: SES may
 * have accepted the message.
 */
function sent(shape: SdkShape, message: string): boolean {
  if (shape.code !== undefined && NOT_CONNECTED_CODES.has(shape.code)) return false;
  // @smithy/node-http-handler's connection timeout.
  return !/without establishing a connection/i.test(message);
}

interface SdkShape {
  name?: string;
  code?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
}

/** Classifies an error thrown by an @aws-sdk/client-ses call, following SES's error taxonomy. */
export function classifySesError(thrown: unknown): SendFailure {
  const err = coerceError(thrown);
  const shape = err as Error & SdkShape;
  const name = shape.name ?? "Error";
  const message = err.message || name;
  const status = shape.$metadata?.httpStatusCode;
  const failure = (kind: SendFailure["kind"], code = name, rejected = false): SendFailure => ({
    kind,
    code,
    message,
    rejected,
  });

  if (name === "Throttling" || name === "ThrottlingException") {
    return /daily message quota/i.test(message) ? failure("quota") : failure("throttled");
  }
  if (ACCOUNT.has(name)) return failure("paused");
  // SES has answered accounts paused by AWS with MessageRejected "Sending paused for this
  // account": that is about the account, not the message.
  if (name === "MessageRejected" && /sending (is )?paused|sending is disabled/i.test(message)) {
    return failure("paused", "AccountSendingPaused");
  }
  if (PERMANENT.has(name)) return failure("permanent", name, true);
  if (status === undefined && !sent(shape, message)) return failure("transient", "NetworkError");
  if (shape.code === "ECONNRESET" || shape.code === "EPIPE") {
    return { ...failure("transient", "ConnectionReset"), ambiguous: true };
  }
  if (name === "TimeoutError" || name === "RequestTimeout" || /timed? ?out/i.test(message)) {
    return { ...failure("transient", "Timeout"), ambiguous: true };
  }
  if (shape.code !== undefined && NETWORK_CODES.has(shape.code)) {
    return { ...failure("transient", "NetworkError"), ambiguous: true };
  }
  if (status !== undefined && status >= 500) return failure("transient", name);
  if (shape.$fault === "server") return failure("transient", name);
  // Anything else, an unmodelled 4xx included, is retried within the attempt and age bounds:
  // a message is never failed for good on an answer nobody has classified.
  return failure("transient", name);
}
