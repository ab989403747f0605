// The SES v1 actions the fake answers, from parsed query parameters to an XML reply.
// Send actions go through fault injection and the account's verdict; the others are plain.

import type { SendCall, SesAccount } from "./account.ts";
import { latencyFor } from "./config.ts";
import {
  internalFailure,
  invalidAction,
  invalidParameter,
  missingParameter,
  notVerified,
  type SesError,
  serviceUnavailable,
  sesError,
} from "./errors.ts";
import type { CallInfo, Fault } from "./faults.ts";
import { isDomain } from "./identities.ts";
import { summarizeRaw } from "./mime.ts";
import { memberList, type QueryParams } from "./query.ts";
import { element, errorXml, memberElements, successXml } from "./xml.ts";

export interface Reply {
  status: number;
  body: string;
  /** Milliseconds to wait before answering (latency, slow fault). */
  delayMs: number;
  /** Destroy the connection instead of answering. */
  reset: boolean;
}

const MAX_RECIPIENTS = 50;

function ok(action: string, resultXml: string, requestId: string): Reply {
  return { status: 200, body: successXml(action, resultXml, requestId), delayMs: 0, reset: false };
}

function fail(error: SesError, requestId: string): Reply {
  return {
    status: error.status,
    body: errorXml(error.type, error.code, error.message, requestId),
    delayMs: 0,
    reset: false,
  };
}

/** `"Name" <a@b>` → `a@b`; a bare address is returned as is. */
function bareAddress(value: string): string {
  const lt = value.lastIndexOf("<");
  const gt = value.lastIndexOf(">");
  return lt !== -1 && gt > lt ? value.slice(lt + 1, gt).trim() : value.trim();
}

function badAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  return at <= 0 || at === address.length - 1;
}

/** Parses a send call; returns SES's validation error alongside when it is not valid. */
export function parseSend(
  action: "SendEmail" | "SendRawEmail",
  params: QueryParams,
): { call: SendCall; error: SesError | undefined } {
  if (action === "SendEmail") {
    const source = params.get("Source");
    const destinations = [
      ...memberList(params, "Destination.ToAddresses"),
      ...memberList(params, "Destination.CcAddresses"),
      ...memberList(params, "Destination.BccAddresses"),
    ].map(bareAddress);
    const call: SendCall = {
      action,
      source: source === undefined ? undefined : bareAddress(source),
      destinations,
      subject: params.get("Message.Subject.Data"),
      headerMessageId: undefined,
      raw: undefined,
      text: params.get("Message.Body.Text.Data"),
      html: params.get("Message.Body.Html.Data"),
    };
    let error: SesError | undefined;
    if (source === undefined) error = missingParameter("source");
    else if (!params.has("Message.Subject.Data")) error = missingParameter("message.subject");
    else error = checkRecipients(call);
    return { call, error };
  }
  const data = params.get("RawMessage.Data");
  const raw = data === undefined ? "" : Buffer.from(data, "base64").toString("utf8");
  const summary = summarizeRaw(raw);
  const listed = memberList(params, "Destinations").map(bareAddress);
  const source = params.get("Source");
  const call: SendCall = {
    action,
    source: source === undefined ? summary.from : bareAddress(source),
    destinations: listed.length > 0 ? listed : summary.recipients,
    subject: summary.subject,
    headerMessageId: summary.messageId,
    raw,
    text: undefined,
    html: undefined,
  };
  let error: SesError | undefined;
  if (data === undefined) error = missingParameter("rawMessage.data");
  else if (call.source === undefined) error = invalidParameter("Missing required header 'From'.");
  else error = checkRecipients(call);
  return { call, error };
}

function checkRecipients(call: SendCall): SesError | undefined {
  if (call.destinations.length === 0) return invalidParameter("Missing final '@domain'");
  if (call.destinations.length > MAX_RECIPIENTS) {
    return invalidParameter(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
  }
  if (call.source !== undefined && badAddress(call.source)) {
    return invalidParameter("Missing final '@domain'");
  }
  for (const address of call.destinations) {
    if (badAddress(address)) return invalidParameter("Missing final '@domain'");
  }
  return undefined;
}

function faultError(fault: Fault, call: CallInfo, region: string): SesError | undefined {
  switch (fault.kind) {
    case "status":
      if (fault.code !== undefined || fault.message !== undefined) {
        const base = fault.status === 500 ? internalFailure() : serviceUnavailable();
        return sesError(fault.code ?? base.code, fault.message ?? base.message, base.status);
      }
      return fault.status === 500 ? internalFailure() : serviceUnavailable();
    case "error":
      return sesError(fault.code, fault.message ?? fault.code, fault.status ?? 400, fault.type);
    case "rejected":
      if (fault.message !== undefined) return sesError("MessageRejected", fault.message);
      return notVerified(call.source === undefined ? call.destinations : [call.source], region);
    case "slow":
      return fault.delivered ? undefined : internalFailure();
    case "reset":
      return undefined;
  }
}

function sendAction(
  account: SesAccount,
  action: "SendEmail" | "SendRawEmail",
  params: QueryParams,
  requestId: string,
): Reply {
  const now = account.now();
  const { call, error: invalid } = parseSend(action, params);
  const delayMs = latencyFor(account.config.latency, call, account.random);
  if (invalid !== undefined) {
    account.record(call, "invalid", requestId, now, invalid.code, undefined);
    return { ...fail(invalid, requestId), delayMs };
  }
  const fault = account.faults.pick(call);
  const extraMs = fault?.kind === "slow" ? fault.ms : 0;
  const reset = fault?.kind === "reset";
  const injected = fault === undefined ? undefined : faultError(fault, call, account.config.region);
  const notDelivered = fault?.kind === "reset" && fault.delivered !== true;
  if (injected !== undefined || notDelivered) {
    const outcome = fault?.kind === "rejected" ? "rejected" : "fault";
    account.record(call, outcome, requestId, now, injected?.code, fault?.kind);
    const reply = injected === undefined ? ok(action, "", requestId) : fail(injected, requestId);
    return { ...reply, delayMs: delayMs + extraMs, reset };
  }
  const { outcome, error } = account.decide(call, now);
  const record = account.record(call, outcome, requestId, now, error?.code, fault?.kind);
  const reply =
    error === undefined
      ? ok(action, element("MessageId", record.messageId ?? ""), requestId)
      : fail(error, requestId);
  return { ...reply, delayMs: delayMs + extraMs, reset };
}

const formatDouble = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

function plainAction(
  account: SesAccount,
  action: string,
  params: QueryParams,
  requestId: string,
): Reply {
  switch (action) {
    case "GetSendQuota": {
      const q = account.quota();
      return ok(
        action,
        element("Max24HourSend", formatDouble(q.max24HourSend)) +
          element("MaxSendRate", formatDouble(q.maxSendRate)) +
          element("SentLast24Hours", formatDouble(q.sentLast24Hours)),
        requestId,
      );
    }
    case "GetSendStatistics": {
      let members = "";
      for (const p of account.statistics.points(account.now())) {
        members +=
          "<member>" +
          element("Timestamp", new Date(p.timestamp).toISOString()) +
          element("DeliveryAttempts", p.deliveryAttempts) +
          element("Bounces", p.bounces) +
          element("Complaints", p.complaints) +
          element("Rejects", p.rejects) +
          "</member>";
      }
      const points =
        members === "" ? "<SendDataPoints/>" : `<SendDataPoints>${members}</SendDataPoints>`;
      return ok(action, points, requestId);
    }
    case "ListIdentities": {
      const type = params.get("IdentityType");
      if (type !== undefined && type !== "EmailAddress" && type !== "Domain") {
        return fail(
          sesError(
            "ValidationError",
            `1 validation error detected: Value '${type}' at 'identityType' failed to satisfy constraint: Member must satisfy enum value set: [Domain, EmailAddress]`,
          ),
          requestId,
        );
      }
      const all = account.identities.list(type).map((i) => i.identity);
      const start = Number(params.get("NextToken") ?? "0") || 0;
      const max = Number(params.get("MaxItems") ?? "0") || all.length;
      const page = all.slice(start, start + max);
      const next = start + max < all.length ? element("NextToken", String(start + max)) : "";
      return ok(action, memberElements("Identities", page) + next, requestId);
    }
    case "GetIdentityVerificationAttributes": {
      let entries = "";
      for (const name of memberList(params, "Identities")) {
        const identity = account.identities.get(name);
        if (identity === undefined) continue;
        entries +=
          `<entry>${element("key", name)}<value>` +
          element("VerificationStatus", identity.status) +
          (identity.token === undefined ? "" : element("VerificationToken", identity.token)) +
          "</value></entry>";
      }
      const attrs =
        entries === ""
          ? "<VerificationAttributes/>"
          : `<VerificationAttributes>${entries}</VerificationAttributes>`;
      return ok(action, attrs, requestId);
    }
    case "VerifyEmailIdentity":
    case "VerifyEmailAddress": {
      const address = params.get("EmailAddress");
      if (address === undefined) return fail(missingParameter("emailAddress"), requestId);
      if (!isDomain(address) && badAddress(address)) {
        return fail(invalidParameter(`Invalid email address<${address}>.`), requestId);
      }
      account.identities.set(address, account.config.autoVerify ? "Success" : "Pending");
      return ok(action, "", requestId);
    }
    case "VerifyDomainIdentity": {
      const domain = params.get("Domain");
      if (domain === undefined) return fail(missingParameter("domain"), requestId);
      const identity = account.identities.set(
        domain,
        account.config.autoVerify ? "Success" : "Pending",
      );
      return ok(action, element("VerificationToken", identity.token ?? ""), requestId);
    }
    case "DeleteIdentity": {
      const identity = params.get("Identity");
      if (identity === undefined) return fail(missingParameter("identity"), requestId);
      account.identities.delete(identity);
      return ok(action, "", requestId);
    }
    default:
      return fail(invalidAction(action), requestId);
  }
}

/** Answers one SES call. */
export function handleCall(account: SesAccount, params: QueryParams, requestId: string): Reply {
  const action = params.get("Action");
  if (action === undefined) {
    return fail(sesError("MissingAction", "Could not find operation to perform."), requestId);
  }
  account.calls[action] = (account.calls[action] ?? 0) + 1;
  if (action === "SendEmail" || action === "SendRawEmail") {
    return sendAction(account, action, params, requestId);
  }
  const fault =
    account.faults.rules.length === 0
      ? undefined
      : account.faults.pick({ action, source: undefined, destinations: [], subject: undefined });
  if (fault !== undefined) {
    const error = faultError(
      fault,
      { action, source: undefined, destinations: [], subject: undefined },
      account.config.region,
    );
    const reply =
      error === undefined
        ? plainAction(account, action, params, requestId)
        : fail(error, requestId);
    return {
      ...reply,
      delayMs: fault.kind === "slow" ? fault.ms : 0,
      reset: fault.kind === "reset",
    };
  }
  return plainAction(account, action, params, requestId);
}
