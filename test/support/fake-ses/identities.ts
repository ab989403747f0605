// Identities (email addresses and domains) for ListIdentities, GetIdentityVerificationAttributes,
// VerifyEmailIdentity, VerifyDomainIdentity, DeleteIdentity and the sandbox/verified checks.
// Lookups are case-insensitive; the spelling first given is what is listed.

import { randomBytes } from "node:crypto";

export type VerificationStatus =
  | "Pending"
  | "Success"
  | "Failed"
  | "TemporaryFailure"
  | "NotStarted";

export interface Identity {
  identity: string;
  status: VerificationStatus;
  /** Domains only: the TXT record value SES asks for. */
  token: string | undefined;
}

export const isDomain = (identity: string): boolean => !identity.includes("@");

export class Identities {
  #byKey = new Map<string, Identity>();

  set(identity: string, status: VerificationStatus = "Success"): Identity {
    const key = identity.toLowerCase();
    const existing = this.#byKey.get(key);
    if (existing !== undefined) {
      existing.status = status;
      return existing;
    }
    const entry: Identity = {
      identity,
      status,
      token: isDomain(identity) ? randomBytes(32).toString("base64") : undefined,
    };
    this.#byKey.set(key, entry);
    return entry;
  }

  get(identity: string): Identity | undefined {
    return this.#byKey.get(identity.toLowerCase());
  }

  delete(identity: string): void {
    this.#byKey.delete(identity.toLowerCase());
  }

  list(type?: "EmailAddress" | "Domain"): Identity[] {
    const all = [...this.#byKey.values()];
    if (type === undefined) return all;
    return all.filter((i) => isDomain(i.identity) === (type === "Domain"));
  }

  /** An address is verified if it, or its domain, is a verified identity. */
  isVerified(address: string): boolean {
    if (this.#byKey.get(address.toLowerCase())?.status === "Success") return true;
    const at = address.lastIndexOf("@");
    return at !== -1 && this.#byKey.get(address.slice(at + 1).toLowerCase())?.status === "Success";
  }
}
