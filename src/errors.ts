/** Error codes, named as Connect and gRPC name them, in lower case. */
export type ErrorCode =
  | "invalid_argument"
  | "not_found"
  | "already_exists"
  | "resource_exhausted"
  | "failed_precondition"
  | "permission_denied"
  | "unauthenticated"
  | "unavailable"
  | "unimplemented"
  | "internal";

/**
 * An error meant for the caller: the code says what kind, the message says what to fix.
 * The RPC and HTTP layers turn it into their own status codes at one boundary.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** An invalid request field: the message starts with the field's name. */
export function invalidArgument(field: string, problem: string): AppError {
  return new AppError("invalid_argument", `${field}: ${problem}`);
}
