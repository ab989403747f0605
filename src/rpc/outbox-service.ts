import { durationFromMs, timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  HoldReason,
  type OutboxService,
  type SendingLimits,
} from "../../gen/ts/asyncses/v1/outbox_pb.js";
import type { GateStatus } from "../outbox/send-gate.ts";
import type { Services } from "../services.ts";

const ts = (ms: number | undefined) => (ms === undefined ? undefined : timestampFromMs(ms));
/** Infinity ("no limit") as the contract spells it. */
const orNone = (n: number, none: number) => (Number.isFinite(n) ? n : none);

const HOLD_REASONS = { quota: HoldReason.DAILY_QUOTA, paused: HoldReason.ACCOUNT_PAUSED };

/** The sending limits as the contract's SendingLimits. */
function limitsToProto(l: GateStatus): Omit<SendingLimits, "$typeName"> {
  return {
    configuredMaxSendRate: l.configuredRate ?? 0,
    sesMaxSendRate: l.sesMaxSendRate ?? 0,
    rateLimit: orNone(l.rateLimit, 0),
    workingSendRate: orNone(l.workingRate, 0),
    throttles: BigInt(l.throttles),
    max24HourSend: orNone(l.quota.max, -1),
    quotaUsed: l.quota.used,
    quotaRemaining: orNone(l.quota.remaining, -1),
    held: l.hold !== undefined,
    holdReason: l.hold ? HOLD_REASONS[l.hold.reason] : HoldReason.UNSPECIFIED,
    holdDetail: l.hold?.detail ?? "",
    resumeAt: ts(l.hold?.until),
    ambiguousTimeouts: BigInt(l.ambiguousTimeouts),
    limitsReadAt: ts(l.limitsReadAt),
  };
}

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
        retryWaiting: BigInt(st.retryWaiting),
        oldestQueuedAt: ts(st.oldestQueuedAt),
        limits: limitsToProto(st.limits),
        backlogEta: st.backlogEtaMs === undefined ? undefined : durationFromMs(st.backlogEtaMs),
      };
    },
  };
}
