import { durationFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { OutboxService } from "../../gen/ts/asyncses/v1/outbox_pb.js";
import type { Services } from "../services.ts";

/** The OutboxService handlers. */
export function createOutboxService(s: Services): ServiceImpl<typeof OutboxService> {
  return {
    async status() {
      const st = await s.status();
      return {
        queued: BigInt(st.queued),
        inFlight: BigInt(st.sending),
        sent: BigInt(st.sent),
        failed: BigInt(st.failed),
        rejected: BigInt(st.rejected),
        cancelled: BigInt(st.cancelled),
        outbox: BigInt(st.outbox),
        capacity: BigInt(st.capacity),
        workers: st.workers,
        busyWorkers: st.busyWorkers,
        uptime: durationFromMs(st.uptimeMs),
        sendRate: st.sendRate,
        sender: st.sender,
        store: st.store,
      };
    },
  };
}
