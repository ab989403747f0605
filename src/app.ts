import { connectNodeAdapter } from "@connectrpc/connect-node";
import { createLocalAccount } from "./account/local-account.ts";
import { createSesAccount } from "./account/ses-account.ts";
import type { Account } from "./account/types.ts";
import { createKeyRing } from "./auth/key-ring.ts";
import { localOnly } from "./auth/local-only.ts";
import { authGate } from "./auth/request-gate.ts";
import type { Config } from "./config/config.ts";
import { createLegacyHandler } from "./legacy/handler.ts";
import { createLimiterGate } from "./limits/limiter-gate.ts";
import { createLocalQuotaLedger } from "./limits/quota-ledger.ts";
import { createQuotaRefresher } from "./limits/quota-refresher.ts";
import { createTokenBucket } from "./limits/token-bucket.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { MailLimits } from "./mail/limits.ts";
import { createChannel } from "./outbox/channel.ts";
import { createDispatcher } from "./outbox/dispatcher.ts";
import { createMaintenance } from "./outbox/maintenance.ts";
import { createOutbox, IDEMPOTENCY_WINDOW_MS } from "./outbox/outbox.ts";
import { createRateMeter } from "./outbox/rate-meter.ts";
import { DEFAULT_BACKOFF } from "./outbox/retry-policy.ts";
import type { SendGate } from "./outbox/send-gate.ts";
import { createSendStatistics } from "./outbox/send-statistics.ts";
import { readStatus } from "./outbox/status.ts";
import { createWorkerPool } from "./outbox/worker-pool.ts";
import { errorInterceptor } from "./rpc/errors.ts";
import { routes } from "./rpc/routes.ts";
import { createFileSender } from "./sender/file-sender.ts";
import { createSesClient, resolveRegion } from "./sender/ses-client.ts";
import { createSesSender } from "./sender/ses-sender.ts";
import type { Sender } from "./sender/types.ts";
import { type HttpServer, listen } from "./server/http-server.ts";
import { notFound } from "./server/not-found.ts";
import type { Services } from "./services.ts";
import { openStore } from "./store/open-store.ts";
import type { ClaimedMessage, Store } from "./store/types.ts";
import { type Clock, clockFrom, systemClock } from "./util/clock.ts";
import { createWakeup } from "./util/signal.ts";

/**
 * Tokens a shared rate budget hands out per trip to the database beyond the message in hand:
 * a twentieth of a second's worth, at least 4, so the trips stay about 20 a second per busy
 * instance whatever the rate.
 */
const sharedTokenBatch = (rate: number) =>
  Number.isFinite(rate) ? Math.max(4, Math.min(1000, Math.ceil(rate / 20))) : 1000;

/** Parts a test (or an embedding program) may supply instead of the configured ones. */
export interface AppOverrides {
  readonly logger?: Logger;
  readonly store?: Store;
  readonly sender?: Sender;
  readonly account?: Account;
  readonly gate?: SendGate;
  readonly limits?: MailLimits;
  readonly now?: () => number;
  /** The clock for everything timed (wins over `now`); a test clock may run faster. */
  readonly clock?: Clock;
}

/** A running AsyncSES: its address, its parts, and how to stop it. */
export interface App {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  readonly logger: Logger;
  /** Stops in order: streams, listener, claiming, workers (draining), sender, store. */
  dispose(): Promise<void>;
}

/** The composition root: builds every part from config, starts them, and owns their teardown. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (overrides.now ? clockFrom(overrides.now) : systemClock);
  const now = () => clock.now();
  const limits = overrides.limits ?? config.limits;
  const teardown: Array<() => Promise<void> | void> = [];
  const dispose = async () => {
    for (const step of teardown.reverse()) await step();
  };
  try {
    const store = overrides.store ?? (await openStore(config));
    teardown.push(() => store.close());

    const stats = createSendStatistics();
    let sender = overrides.sender;
    let account = overrides.account;
    if (!sender || !account) {
      if (config.sender === "ses") {
        const client = createSesClient({
          endpoint: config.sesEndpoint,
          timeoutMs: config.sesTimeoutMs,
          maxSockets: config.workers,
        });
        const region = await resolveRegion(client);
        sender ??= createSesSender(client, config.sesEndpoint ?? `Amazon SES in ${region}`);
        account ??= createSesAccount(client);
      } else {
        sender ??= await createFileSender(config.mailDir);
        account ??= createLocalAccount(stats);
      }
    }
    const activeSender = sender;
    teardown.push(() => activeSender.close());
    const activeAccount = account ?? createLocalAccount(stats);

    let gate = overrides.gate;
    if (!gate) {
      // Until SES's limits are read (and if they cannot be): the cap, or SES's sandbox rate.
      const initialRate = config.maxSendRate ?? 1;
      // A shared engine keeps one bucket and one ledger for every instance on it.
      const shared = await store.openSharedLimits?.({ rate: initialRate, now });
      if (shared) teardown.push(() => shared.close());
      const limiter = createLimiterGate({
        budget: shared?.budget ?? createTokenBucket({ rate: initialRate, now: now() }),
        ledger: shared?.ledger ?? createLocalQuotaLedger(),
        // Shared: tokens come from the database a few at a time, not one message at a time.
        batch: shared ? sharedTokenBatch : undefined,
        clock,
        logger: logger.child({ component: "limits" }),
        configuredRate: config.maxSendRate,
        initialRate,
        probeEveryMs: config.pauseProbeMs,
        maxWaitMs: Math.min(60_000, Math.floor(config.leaseMs / 4)),
      });
      const refresher = createQuotaRefresher({
        account: activeAccount,
        apply: (quota, at) => limiter.applyQuota(quota, at),
        clock,
        logger: logger.child({ component: "limits" }),
        everyMs: config.quotaRefreshMs,
        timeoutMs: config.sesTimeoutMs,
      });
      await refresher.start();
      teardown.push(() => refresher.stop());
      gate = limiter;
    }
    const activeGate = gate;

    const accepted = createWakeup();
    const outbox = createOutbox({ store, maxBacklog: config.outboxMaxSize, now, accepted });
    const channel = createChannel<ClaimedMessage>(config.workers);
    const meter = createRateMeter();
    const pool = createWorkerPool({
      count: config.workers,
      channel,
      store,
      sender: activeSender,
      gate: activeGate,
      policy: { maxAttempts: config.maxAttempts, maxAgeMs: config.maxAgeMs, ...DEFAULT_BACKOFF },
      meter,
      stats,
      now,
      logger: logger.child({ component: "worker" }),
      onSettled: () => outbox.roomMayHaveFreed(),
    });
    const dispatcher = createDispatcher({
      store,
      channel,
      leaseMs: config.leaseMs,
      clock,
      wakeup: accepted,
      logger: logger.child({ component: "dispatcher" }),
    });
    const maintenance = createMaintenance({
      store,
      now,
      leaseMs: config.leaseMs,
      retentionMs: config.retentionMs,
      recordRetentionMs: config.metadataRetentionMs,
      idempotencyMs: IDEMPOTENCY_WINDOW_MS,
      onRequeued: () => accepted.notify(),
      logger: logger.child({ component: "maintenance" }),
    });
    await maintenance.start();
    teardown.push(() => maintenance.stop());
    pool.start();
    teardown.push(async () => {
      await pool.stop(config.shutdownTimeoutMs);
      if (!store.capabilities.durable) {
        const { queued } = await store.counts(now());
        if (queued > 0)
          logger.warn(
            { queued },
            "messages still queued are lost: the memory store does not keep them",
          );
      }
    });
    dispatcher.start();
    teardown.push(() => dispatcher.stop());

    const shutdown = new AbortController();
    const startedAt = now();
    const services: Services = {
      outbox,
      store,
      account: activeAccount,
      limits,
      now,
      logger,
      shutdown: shutdown.signal,
      streamWindow: config.streamWindow,
      status: () =>
        readStatus({
          store,
          meter,
          gate: activeGate,
          capacity: config.outboxMaxSize,
          workers: config.workers,
          busyWorkers: () => pool.busy,
          startedAt,
          senderName: activeSender.name,
          now,
        }),
    };
    const keys = createKeyRing(config.apiKeys);
    const legacy = createLegacyHandler({
      services,
      keys,
      maxRequestBytes: config.maxRequestBytes,
      logger: logger.child({ component: "http" }),
      fallback: notFound,
    });
    const rpcLogger = logger.child({ component: "rpc" });
    const connect = connectNodeAdapter({
      routes: routes(services),
      interceptors: [errorInterceptor(rpcLogger)],
      requestGate: authGate(keys, rpcLogger),
      readMaxBytes: config.maxRequestBytes,
      fallback: legacy,
    });
    const server: HttpServer = await listen({
      host: config.host,
      port: config.port,
      tls:
        config.tlsCert && config.tlsKey ? { cert: config.tlsCert, key: config.tlsKey } : undefined,
      handler: keys.enabled ? connect : localOnly(connect),
      logger,
    });
    teardown.push(() => server.close(config.shutdownTimeoutMs));
    teardown.push(() => shutdown.abort());

    if (keys.enabled) {
      logger.info({ apiKeys: config.apiKeys.length }, "API keys required on every request");
    } else {
      logger.warn(
        { host: config.host },
        `no API keys configured: listening on loopback (${config.host}) only, for requests from this machine; set ASYNCSES_API_KEYS or ASYNCSES_API_KEYS_FILE to listen elsewhere`,
      );
    }
    logger.info(
      {
        url: server.url,
        sender: activeSender.name,
        mailGoesTo: activeSender.target,
        store: store.engine,
        workers: config.workers,
        outboxMaxSize: config.outboxMaxSize,
      },
      `AsyncSES listening on ${server.url}; sender ${activeSender.name} delivers to ${activeSender.target}`,
    );
    return { url: server.url, port: server.port, services, logger, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
