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
 * What ran out, for RESOURCE_EXHAUSTED: the size of a request or message ("size") or the
 * outbox's room ("capacity"). The HTTP routes answer 413 and 503 for them.
 */
export type Exhausted = "size" | "capacity";

/** Options of an AppError beyond the standard cause. */
export interface AppErrorOptions extends ErrorOptions {
  readonly exhausted?: Exhausted;
}

/**
 * An error meant for the caller: the code says what kind, the message says what to fix.
 * The RPC and HTTP layers turn it into their own status codes at one boundary.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly exhausted: Exhausted | undefined;

  constructor(code: ErrorCode, message: string, options?: AppErrorOptions) {
    super(message, options);
    this.code = code;
    this.exhausted = options?.exhausted;
  }
}

/** An invalid request field: the message starts with the field's name. */
export function invalidArgument(field: string, problem: string): AppError {
  return new AppError("invalid_argument", `${field}: ${problem}`);
}

/** A field, message or request larger than allowed: RESOURCE_EXHAUSTED, naming the field. */
export function tooLarge(field: string, problem: string): AppError {
  return new AppError("resource_exhausted", `${field}: ${problem}`, { exhausted: "size" });
}
