import {
  DeleteIdentityCommand,
  GetIdentityVerificationAttributesCommand,
  GetSendQuotaCommand,
  GetSendStatisticsCommand,
  ListIdentitiesCommand,
  type SESClient,
  VerifyEmailIdentityCommand,
} from "@aws-sdk/client-ses";
import { AppError } from "../errors.ts";
import { coerceError } from "../util/errors.ts";
import type { Account, IdentityInfo } from "./types.ts";

/** Turns an SES error into one the caller can act on, keeping SES's words. */
function sesFailure(thrown: unknown): AppError {
  const err = coerceError(thrown) as Error & { $fault?: string };
  const code =
    err.name === "InvalidParameterValue"
      ? "invalid_argument"
      : err.$fault === "client"
        ? "failed_precondition"
        : "unavailable";
  return new AppError(code, `SES ${err.name}: ${err.message}`, { cause: err });
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw sesFailure(err);
  }
}

/** The SES account: quota, statistics and identities through SES v1's current calls. */
export function createSesAccount(client: SESClient): Account {
  return {
    quota: (signal) =>
      call(async () => {
        const q = await client.send(new GetSendQuotaCommand({}), { abortSignal: signal });
        return {
          max24HourSend: q.Max24HourSend ?? 0,
          sentLast24Hours: q.SentLast24Hours ?? 0,
          maxSendRate: q.MaxSendRate ?? 0,
        };
      }),
    statistics: (signal) =>
      call(async () => {
        const s = await client.send(new GetSendStatisticsCommand({}), { abortSignal: signal });
        return (s.SendDataPoints ?? [])
          .map((p) => ({
            timestamp: p.Timestamp?.getTime() ?? 0,
            deliveryAttempts: p.DeliveryAttempts ?? 0,
            bounces: p.Bounces ?? 0,
            complaints: p.Complaints ?? 0,
            rejects: p.Rejects ?? 0,
          }))
          .sort((a, b) => a.timestamp - b.timestamp);
      }),
    listIdentities: (type, signal) =>
      call(async () => {
        const names: string[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListIdentitiesCommand({
              IdentityType:
                type === "email" ? "EmailAddress" : type === "domain" ? "Domain" : undefined,
              NextToken: token,
              MaxItems: 1000,
            }),
            { abortSignal: signal },
          );
          names.push(...(page.Identities ?? []));
          token = page.NextToken;
        } while (token);
        const out: IdentityInfo[] = [];
        // GetIdentityVerificationAttributes takes at most 100 identities a call.
        for (let i = 0; i < names.length; i += 100) {
          const batch = names.slice(i, i + 100);
          const attrs = await client.send(
            new GetIdentityVerificationAttributesCommand({ Identities: batch }),
            {
              abortSignal: signal,
            },
          );
          for (const identity of batch) {
            out.push({
              identity,
              type: identity.includes("@") ? "email" : "domain",
              status: attrs.VerificationAttributes?.[identity]?.VerificationStatus ?? "NotStarted",
            });
          }
        }
        return out;
      }),
    verifyEmail: (email, signal) =>
      call(async () => {
        const out = await client.send(new VerifyEmailIdentityCommand({ EmailAddress: email }), {
          abortSignal: signal,
        });
        return out.$metadata.requestId ?? "";
      }),
    deleteIdentity: (identity, signal) =>
      call(async () => {
        const out = await client.send(new DeleteIdentityCommand({ Identity: identity }), {
          abortSignal: signal,
        });
        return out.$metadata.requestId ?? "";
      }),
  };
}
