import { AppError } from "../errors.ts";
import type { SendStatistics } from "../outbox/send-statistics.ts";
import type { Account } from "./types.ts";

/**
 * The account of the file sender: no quota and no rate limit, with statistics counted by
 * this process. Identities live in SES, so there are none to list or change.
 */
export function createLocalAccount(stats: SendStatistics): Account {
  const noIdentities = () =>
    Promise.reject(
      new AppError(
        "failed_precondition",
        "identities are managed in SES, and this server uses the file sender (ASYNCSES_SENDER=file)",
      ),
    );
  return {
    async quota() {
      return {
        max24HourSend: -1,
        sentLast24Hours: stats.sentLast24Hours(Date.now()),
        maxSendRate: 0,
      };
    },
    async statistics() {
      return stats.dataPoints(Date.now());
    },
    async listIdentities() {
      return [];
    },
    verifyEmail: noIdentities,
    deleteIdentity: noIdentities,
  };
}
