import type { Account, DataPoint, IdentityInfo, Quota } from "../../src/account/types.ts";
import type { AppError } from "../../src/errors.ts";

/** An SES-like account for tests: fixed answers, calls recorded, failures on demand. */
export interface FakeAccount extends Account {
  readonly verified: string[];
  readonly deleted: string[];
  /** When set, every call throws it. */
  failWith: AppError | undefined;
}

/** The quota the fake account reports. */
export const FAKE_QUOTA: Quota = { max24HourSend: 50000, sentLast24Hours: 1234, maxSendRate: 14 };

/** The data points it reports. */
export const FAKE_POINTS: DataPoint[] = [
  {
    timestamp: Date.UTC(2024, 0, 1, 12, 0),
    deliveryAttempts: 10,
    bounces: 1,
    complaints: 0,
    rejects: 2,
  },
  {
    timestamp: Date.UTC(2024, 0, 1, 12, 15),
    deliveryAttempts: 5,
    bounces: 0,
    complaints: 1,
    rejects: 0,
  },
];

/** The identities it has. */
export const FAKE_IDENTITIES: IdentityInfo[] = [
  { identity: "ok@example.com", type: "email", status: "Success" },
  { identity: "pending@example.com", type: "email", status: "Pending" },
  { identity: "example.org", type: "domain", status: "Success" },
];

/** Creates a fake account. */
export function createFakeAccount(): FakeAccount {
  const check = () => {
    if (account.failWith) throw account.failWith;
  };
  const account: FakeAccount = {
    verified: [],
    deleted: [],
    failWith: undefined,
    async quota() {
      check();
      return FAKE_QUOTA;
    },
    async statistics() {
      check();
      return FAKE_POINTS;
    },
    async listIdentities(type) {
      check();
      return FAKE_IDENTITIES.filter((i) => type === undefined || i.type === type);
    },
    async verifyEmail(email) {
      check();
      account.verified.push(email);
      return `verify-${account.verified.length}`;
    },
    async deleteIdentity(identity) {
      check();
      account.deleted.push(identity);
      return `delete-${account.deleted.length}`;
    },
  };
  return account;
}
