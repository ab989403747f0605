import type { ConnectRouter } from "@connectrpc/connect";
import { AccountService } from "../../gen/ts/asyncses/v1/account_pb.js";
import { IdentityService } from "../../gen/ts/asyncses/v1/identity_pb.js";
import { MailService } from "../../gen/ts/asyncses/v1/mail_pb.js";
import { OutboxService } from "../../gen/ts/asyncses/v1/outbox_pb.js";
import type { Services } from "../services.ts";
import { createAccountService } from "./account-service.ts";
import { createIdentityService } from "./identity-service.ts";
import { createMailService } from "./mail-service.ts";
import { createOutboxService } from "./outbox-service.ts";

/** Registers every service of the contract; pure, so tests can serve it in memory. */
export function routes(s: Services): (router: ConnectRouter) => void {
  return (router) => {
    router.service(MailService, createMailService(s));
    router.service(OutboxService, createOutboxService(s));
    router.service(AccountService, createAccountService(s));
    router.service(IdentityService, createIdentityService(s));
  };
}
