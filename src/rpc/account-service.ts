import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AccountService } from "../../gen/ts/asyncses/v1/account_pb.js";
import type { Services } from "../services.ts";

/** The AccountService handlers. */
export function createAccountService(s: Services): ServiceImpl<typeof AccountService> {
  return {
    async quota(_req, ctx) {
      return s.account.quota(ctx.signal);
    },
    async statistics(_req, ctx) {
      const points = await s.account.statistics(ctx.signal);
      return {
        dataPoints: points.map((p) => ({
          timestamp: timestampFromMs(p.timestamp),
          deliveryAttempts: BigInt(p.deliveryAttempts),
          bounces: BigInt(p.bounces),
          complaints: BigInt(p.complaints),
          rejects: BigInt(p.rejects),
        })),
      };
    },
  };
}
