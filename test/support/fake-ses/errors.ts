// The SES v1 errors the fake can answer with, as they appear on the wire (code, HTTP status,
// fault type, message). Messages are SES's own wording where it is known.

export interface SesError {
  /** `<Code>`: what the SDK turns into the exception's `name`. */
  code: string;
  message: string;
  /** HTTP status: 400 for client (Sender) errors, 5xx for server (Receiver) errors. */
  status: number;
  type: "Sender" | "Receiver";
}

export function sesError(
  code: string,
  message: string,
  status = 400,
  type: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
): SesError {
  return { code, message, status, type };
}

export const MAX_RATE_MESSAGE = "Maximum sending rate exceeded.";
export const DAILY_QUOTA_MESSAGE = "Daily message quota exceeded.";

export const rateExceeded = (): SesError => sesError("Throttling", MAX_RATE_MESSAGE);
export const dailyQuotaExceeded = (): SesError => sesError("Throttling", DAILY_QUOTA_MESSAGE);

/** The modelled exception for a paused account (UpdateAccountSendingEnabled false). */
export const accountPaused = (): SesError =>
  sesError(
    "AccountSendingPausedException",
    "Email sending is disabled for your entire Amazon SES account.",
  );

/**
 * What accounts paused by AWS (reputation review) have been seen to get from the v1 API:
 * a MessageRejected, not the modelled AccountSendingPausedException.
 */
export const accountPausedAsRejected = (): SesError =>
  sesError(
    "MessageRejected",
    "Sending paused for this account. For more information, please check the inbox of the email address associated with your AWS account.",
  );

export const notVerified = (identities: readonly string[], region: string): SesError =>
  sesError(
    "MessageRejected",
    `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${identities.join(", ")}`,
  );

export const internalFailure = (): SesError =>
  sesError(
    "InternalFailure",
    "The request processing has failed because of an unknown error, exception or failure.",
    500,
  );

export const serviceUnavailable = (): SesError =>
  sesError(
    "ServiceUnavailable",
    "The request has failed due to a temporary failure of the server.",
    503,
  );

export const invalidAction = (action: string): SesError =>
  sesError("InvalidAction", `The action ${action} is not valid for this web service.`);

export const missingParameter = (name: string): SesError =>
  sesError(
    "ValidationError",
    `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
  );

export const invalidParameter = (message: string): SesError =>
  sesError("InvalidParameterValue", message);
