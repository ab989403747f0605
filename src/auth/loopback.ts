import { isIPv4, isIPv6 } from "node:net";

/** True for names and addresses of this machine only: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIPv4(h)) return h.startsWith("127.");
  if (isIPv6(h)) return h === "::1" || /^(0:){7}1$/.test(h) || /^::ffff:127\./.test(h);
  return false;
}

/** The host part of a Host header or :authority ("a:80", "[::1]:80", "a"). */
export function hostOf(authority: string): string {
  const a = authority.trim();
  if (a.startsWith("[")) return a.slice(0, a.indexOf("]") + 1);
  const colon = a.lastIndexOf(":");
  return colon === -1 ? a : a.slice(0, colon);
}
