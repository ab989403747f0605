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
// What @aws-sdk/client-ses 3.x makes of the fake's errors (asserted in test/fake-ses.test.ts):
//   Code (HTTP)                          err.name                        instanceof
//   Throttling (400)                     "Throttling"                    SESServiceException only
//     message "Maximum sending rate exceeded." or "Daily message quota exceeded."
//   AccountSendingPausedException (400)  "AccountSendingPausedException" AccountSendingPausedException
//   MessageRejected (400)                "MessageRejected"               MessageRejected
//   InvalidParameterValue (400)          "InvalidParameterValue"         SESServiceException only
//   ServiceUnavailable (503)             "ServiceUnavailable"            SESServiceException only
//   InternalFailure (500)                "InternalFailure"               SESServiceException only
//   connection reset                     "Error" with code "ECONNRESET" (a plain Node error)
//   client timeout (requestTimeout)      "TimeoutError"
// The SDK's docs speak of "ThrottlingException"; on the v1 wire the code is "Throttling", and
// that is the name the SDK gives the error. err.$metadata.httpStatusCode carries the status.
//
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
