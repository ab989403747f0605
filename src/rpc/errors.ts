import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { AppError, type ErrorCode } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { coerceError } from "../util/errors.ts";

const CODES: Record<ErrorCode, Code> = {
  invalid_argument: Code.InvalidArgument,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  resource_exhausted: Code.ResourceExhausted,
  failed_precondition: Code.FailedPrecondition,
  permission_denied: Code.PermissionDenied,
  unauthenticated: Code.Unauthenticated,
  unavailable: Code.Unavailable,
  unimplemented: Code.Unimplemented,
  internal: Code.Internal,
};

/** Connect's lower-case name of a code, as ItemError and JSON errors carry it. */
export function codeName(code: Code): string {
  return Code[code].replace(/[A-Z]/g, (c, i: number) =>
    i === 0 ? c.toLowerCase() : `_${c.toLowerCase()}`,
  );
}

/**
 * The one boundary where errors become protocol errors: AppError keeps its code and message,
 * ConnectError passes through, anything else is logged and answered INTERNAL without details.
 */
export function toConnectError(thrown: unknown, logger: Logger): ConnectError {
  if (thrown instanceof ConnectError) return thrown;
  if (thrown instanceof AppError)
    return new ConnectError(thrown.message, CODES[thrown.code], undefined, undefined, thrown);
  const err = coerceError(thrown);
  logger.error({ err }, "unexpected error while serving a request");
  return new ConnectError("internal error", Code.Internal, undefined, undefined, err);
}

/** Maps every error a handler throws through toConnectError. */
export function errorInterceptor(logger: Logger): Interceptor {
  return (next) => async (req) => {
    try {
      return await next(req);
    } catch (thrown) {
      throw toConnectError(thrown, logger);
    }
  };
}
