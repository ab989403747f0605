/** Who is calling, as authentication found out; handlers read it, never the key. */
export interface Caller {
  /** A stable, non-secret name for the caller (never the key itself): scopes idempotency keys. */
  readonly scope: string;
  /** Sender addresses ("a@example.com") and domains ("@example.com") allowed; undefined: any. */
  readonly senders: readonly string[] | undefined;
}

/** The caller when no API keys are configured (the server then listens on loopback only). */
export const ANONYMOUS: Caller = Object.freeze({ scope: "anonymous", senders: undefined });
