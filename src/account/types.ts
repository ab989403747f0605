/** The account's sending quota, in recipients. */
export interface Quota {
  /** Recipients allowed per 24 hours; -1 for no limit. */
  readonly max24HourSend: number;
  readonly sentLast24Hours: number;
  /** Recipients allowed per second; 0 for no limit. */
  readonly maxSendRate: number;
}

/** One 15-minute interval of sending activity. */
export interface DataPoint {
  readonly timestamp: number;
  readonly deliveryAttempts: number;
  readonly bounces: number;
  readonly complaints: number;
  readonly rejects: number;
}

/** An address or domain, and whether SES has verified it. */
export interface IdentityInfo {
  readonly identity: string;
  readonly type: "email" | "domain";
  /** SES's status: Pending, Success, Failed, TemporaryFailure or NotStarted. */
  readonly status: string;
}

/** The mail account behind the sender: its limits, statistics and identities. */
export interface Account {
  quota(signal: AbortSignal): Promise<Quota>;
  statistics(signal: AbortSignal): Promise<DataPoint[]>;
  listIdentities(
    type: "email" | "domain" | undefined,
    signal: AbortSignal,
  ): Promise<IdentityInfo[]>;
  /** Starts verification of an address; returns the provider's request id. */
  verifyEmail(email: string, signal: AbortSignal): Promise<string>;
  /** Removes an identity; returns the provider's request id. */
  deleteIdentity(identity: string, signal: AbortSignal): Promise<string>;
}
