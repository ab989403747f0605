import type { Logger } from "../logger.ts";
import type { Store } from "../store/types.ts";
import { coerceError } from "../util/errors.ts";

/** What maintenance needs. */
export interface MaintenanceDeps {
  readonly store: Store;
  readonly now: () => number;
  readonly leaseMs: number;
  /** Bodies of finished messages are purged after this long. */
  readonly retentionMs: number;
  /** Records of finished messages are deleted after this long. */
  readonly recordRetentionMs: number;
  /** Idempotency keys are remembered this long. */
  readonly idempotencyMs: number;
  /** Called when expired leases put messages back in the queue. */
  readonly onRequeued: () => void;
  readonly logger: Logger;
}

/** Periodic upkeep: requeue messages whose lease expired, purge old bodies and keys. */
export interface Maintenance {
  /** Runs both tasks once now (at start-up), then on timers. */
  start(): Promise<void>;
  stop(): void;
}

/** Creates the maintenance timers. */
export function createMaintenance(deps: MaintenanceDeps): Maintenance {
  const { store, logger } = deps;
  const timers: NodeJS.Timeout[] = [];
  const sweep = async () => {
    try {
      const n = await store.requeueExpired(deps.now());
      if (n > 0) {
        logger.warn(
          { requeued: n },
          "messages whose worker stopped answering were put back in the queue",
        );
        deps.onRequeued();
      }
    } catch (thrown) {
      logger.error({ err: coerceError(thrown) }, "lease sweep failed; will try again");
    }
  };
  const purge = async () => {
    try {
      const now = deps.now();
      const { bodies, records } = await store.purge({
        bodies: now - deps.retentionMs,
        records: now - deps.recordRetentionMs,
        keys: now - deps.idempotencyMs,
      });
      if (bodies + records > 0)
        logger.info({ bodies, records }, "purged old finished messages (bodies, then records)");
    } catch (thrown) {
      logger.error({ err: coerceError(thrown) }, "purge failed; will try again");
    }
  };
  return {
    async start() {
      await sweep();
      await purge();
      const sweepEvery = Math.max(1000, Math.min(30_000, Math.floor(deps.leaseMs / 2)));
      const purgeEvery = Math.max(60_000, Math.min(3_600_000, Math.floor(deps.retentionMs / 24)));
      timers.push(setInterval(sweep, sweepEvery).unref(), setInterval(purge, purgeEvery).unref());
    },
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}
