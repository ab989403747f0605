import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { SESClient } from "@aws-sdk/client-ses";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** How to reach SES. Region and credentials come from AWS's standard chain. */
export interface SesClientOptions {
  /** An endpoint override, for emulators; undefined for AWS itself. */
  readonly endpoint: string | undefined;
  /** Timeout of one request, from connecting to the last byte of the answer. */
  readonly timeoutMs: number;
  /** Sockets kept open to SES: one per worker, so no worker waits for a socket. */
  readonly maxSockets: number;
}

/**
 * Creates the SES v1 client. The SDK's own retries are off (maxAttempts 1) because the outbox
 * owns retrying: it knows the message's attempts, the rate and the quota.
 */
export function createSesClient(opts: SesClientOptions): SESClient {
  const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets };
  return new SESClient({
    endpoint: opts.endpoint,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(opts.timeoutMs, 10_000),
      requestTimeout: opts.timeoutMs,
      // Without this the SDK only warns when the timeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    }),
  });
}

/** Resolves the region from AWS's chain, or throws one clear line saying how to set it. */
export async function resolveRegion(client: SESClient): Promise<string> {
  try {
    const region = await client.config.region();
    if (region) return region;
  } catch {
    // fall through to the explanation below
  }
  throw new Error(
    "no AWS region is configured for the ses sender: set AWS_REGION (or a profile's region)",
  );
}
