// Fake Amazon SES (v1 API, query protocol) for tests and benchmarks.
//
//   const fake = await createFakeSes({ rate: 50, latency: 20 });
//   const ses = new SESClient({ endpoint: fake.url, region: "us-east-1",
//     credentials: { accessKeyId: "x", secretAccessKey: "y" }, maxAttempts: 1 });
//
// Wire format: form-encoded POST / with Action=...&Version=2010-12-01; XML replies in the
// http://ses.amazonaws.com/doc/2010-12-01/ namespace; errors as
// <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>, HTTP 400
// for Sender errors and 500/503 for Receiver errors; request id also in x-amzn-RequestId.
// Actions: SendEmail, SendRawEmail, GetSendQuota, GetSendStatistics, ListIdentities,
// GetIdentityVerificationAttributes, VerifyEmailIdentity (and VerifyEmailAddress),
// VerifyDomainIdentity, DeleteIdentity; anything else → 400 InvalidAction.
//
// What @aws-sdk/client-ses 3.1178 makes of the fake's answers (asserted in test/fake-ses.test.ts):
//   wire Code (HTTP)                      err.name                                 class
//   Throttling (400)                      "Throttling"                             SESServiceException
//     err.message "Maximum sending rate exceeded." | "Daily message quota exceeded."
//   AccountSendingPausedException (400)   "AccountSendingPausedException"          AccountSendingPausedException
//   MessageRejected (400)                 "MessageRejected"                        MessageRejected
//   ConfigurationSetDoesNotExist (400)    "ConfigurationSetDoesNotExistException"  (modelled; the SDK renames)
//   InvalidParameterValue (400)           "InvalidParameterValue"                  SESServiceException
//   ServiceUnavailable (503)              "ServiceUnavailable", $fault "server"    SESServiceException
//   InternalFailure (500)                 "InternalFailure", $fault "server"       SESServiceException
//   connection reset                      "TimeoutError", code "ECONNRESET", message "socket hang up"
//   requestTimeout exceeded               "TimeoutError", code "ETIMEDOUT" — only with
//                                         requestHandler { throwOnRequestTimeout: true }; without it
//                                         the SDK just logs a warning and keeps waiting.
// The SES docs speak of "ThrottlingException"; on the v1 wire the code is "Throttling", and that
// is the name the SDK gives (no modelled class). err.$metadata.httpStatusCode has the status.
// A paused account may also answer MessageRejected "Sending paused for this account. ..."
// (pausedAs: "MessageRejected"), as seen from accounts paused by AWS.

// One concept per file: query.ts (request parsing), xml.ts (replies), errors.ts (SES errors),
// rate.ts (enforced rate), window.ts (rolling 24 h), statistics.ts, identities.ts, mime.ts,
// faults.ts (fault injection), account.ts (the account's state and verdict), actions.ts,
// control.ts (/_fake/ routes), server.ts (createFakeSes), main.ts (CLI), process.ts (CLI child).

export type { FakeSesStats } from "./account.ts";
export type { FakeSesConfig, FakeSesConfigPatch, Latency } from "./config.ts";
export type { SesError } from "./errors.ts";
export type { CallInfo, Fault, FaultMatch, FaultRule, FaultRuleOptions } from "./faults.ts";
export type { Identity, VerificationStatus } from "./identities.ts";
export { header, parseHeaders } from "./mime.ts";
export { type FakeSesProcess, startFakeSesProcess } from "./process.ts";
export {
  busiestWindow,
  defaultKey,
  type Outcome,
  type ReceivedRecord,
  type RecordKey,
} from "./records.ts";
export { createFakeSes, type FakeSes, type FakeSesOptions } from "./server.ts";
