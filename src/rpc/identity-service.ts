import type { ServiceImpl } from "@connectrpc/connect";
import {
  type IdentityService,
  IdentityType,
  VerificationStatus,
} from "../../gen/ts/asyncses/v1/identity_pb.js";
import { authorizeIdentity } from "../auth/senders.ts";
import { invalidArgument } from "../errors.ts";
import { parseMailbox } from "../mail/address.ts";
import type { Services } from "../services.ts";
import { CALLER } from "./caller.ts";

const STATUS: Record<string, VerificationStatus> = {
  Pending: VerificationStatus.PENDING,
  Success: VerificationStatus.SUCCESS,
  Failed: VerificationStatus.FAILED,
  TemporaryFailure: VerificationStatus.TEMPORARY_FAILURE,
  NotStarted: VerificationStatus.NOT_STARTED,
};

/** The IdentityService handlers. */
export function createIdentityService(s: Services): ServiceImpl<typeof IdentityService> {
  return {
    async listIdentities(req, ctx) {
      const type =
        req.type === IdentityType.EMAIL_ADDRESS
          ? "email"
          : req.type === IdentityType.DOMAIN
            ? "domain"
            : undefined;
      const found = await s.account.listIdentities(type, ctx.signal);
      return {
        identities: found.map((i) => ({
          identity: i.identity,
          type: i.type === "email" ? IdentityType.EMAIL_ADDRESS : IdentityType.DOMAIN,
          verificationStatus: STATUS[i.status] ?? VerificationStatus.UNSPECIFIED,
        })),
      };
    },
    async verifyEmail(req, ctx) {
      const { address } = parseMailbox("email", req.email);
      authorizeIdentity(ctx.values.get(CALLER), address);
      return { requestId: await s.account.verifyEmail(address, ctx.signal) };
    },
    async deleteIdentity(req, ctx) {
      const identity = req.identity.trim();
      if (identity === "" || /[\s<>]/.test(identity))
        throw invalidArgument("identity", "must be an email address or a domain");
      authorizeIdentity(ctx.values.get(CALLER), identity);
      return { requestId: await s.account.deleteIdentity(identity, ctx.signal) };
    },
  };
}
