import "server-only";
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * The client's IP address, for per-IP limits and logs, that a client cannot choose.
 *
 * Next's Node server (`next start`, Next 16: base-server.js) sets `x-forwarded-for` from the socket's remote address
 * only when the request has none (`req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so any client can send
 * its own `X-Forwarded-For` and Next passes it on untouched; route handlers never see the socket. The socket address
 * therefore comes from `installPeerAddressHook()` (run by instrumentation.ts when the server starts): it stamps every
 * incoming request with the socket's remote address in PEER_ADDRESS_HEADER, prefixed by a random token made once per
 * process, overwriting whatever the client sent under that name. A stamp without this process's token (forged, or a
 * request that arrived before the hook was installed) is ignored.
 *
 * With TRUSTED_PROXIES unset, the client is the socket's peer and forwarding headers are ignored. With TRUSTED_PROXIES
 * (comma-separated addresses or CIDR ranges, IPv4 or IPv6), a request whose peer is a trusted proxy is attributed to
 * the right-most X-Forwarded-For entry that is not itself a trusted proxy: entries to its left were written by the
 * client and prove nothing.
 */
export const PEER_ADDRESS_HEADER = "x-attain-peer-address";
const TOKEN_KEY = Symbol.for("attain.peerAddressToken");

/** What an unattributable request is counted as (one shared bucket: safe, never a bypass). */
export const UNKNOWN_IP = "unknown";

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string").join(", ");
  return undefined;
}

type Global = typeof globalThis & { [TOKEN_KEY]?: string };

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
type StampableRequest = { headers: Record<string, unknown>; socket?: { remoteAddress?: string } | null };

/**
 * Stamps every request the process's HTTP servers receive with its socket address (see above). Idempotent. Patches
 * `emit` of http.Server and https.Server so it applies to servers created before and after it runs.
 */
export function installPeerAddressHook(): void {
  const g = globalThis as Global;
  if (g[TOKEN_KEY]) return;
  const token = crypto.randomBytes(24).toString("base64url");
  for (const prototype of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const emit = prototype.emit;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as StampableRequest | undefined;
        if (req?.headers) req.headers[PEER_ADDRESS_HEADER] = `${token} ${req.socket?.remoteAddress ?? ""}`;
      }
      return emit.call(this, event, ...args);
    };
  }
  g[TOKEN_KEY] = token;
}

export function peerAddressHookInstalled(): boolean {
  return Boolean((globalThis as Global)[TOKEN_KEY]);
}

/** The socket address stamped by the hook, or null when the stamp is missing or not this process's. */
export function peerAddress(headers: HeaderSource): string | null {
  const token = (globalThis as Global)[TOKEN_KEY];
  const value = header(headers, PEER_ADDRESS_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return normaliseIp(value.slice(space + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses and ranges

/** An address as 4 (IPv4) or 16 (IPv6) bytes; null when it is not an address. */
export function parseIp(text: string): Uint8Array | null {
  const s = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split(".");
    // "010" is octal to some parsers and decimal to others: not an address we accept.
    if (parts.some((p) => Number(p) > 255 || (p.length > 1 && p.startsWith("0")))) return null;
    return Uint8Array.from(parts.map(Number));
  }
  if (!s.includes(":") || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let head = s;
  let v4: Uint8Array | null = null;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    v4 = parseIp(s.slice(lastColon + 1));
    if (!v4 || v4.length !== 4) return null;
    head = s.slice(0, lastColon + 1) + "0:0";
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...right];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  }
  if (v4) bytes.set(v4, 12);
  return bytes;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) as the IPv4 address it carries. */
function unmap(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  return bytes;
}

function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // RFC 5952: compress the longest run (of two or more) of zero groups.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/**
 * One spelling per address: IPv4-mapped IPv6 as IPv4, IPv6 in RFC 5952 form, an X-Forwarded-For entry's port and
 * brackets dropped ("[2001:db8::1]:443", "203.0.113.9:5123"). null when it is not an address.
 */
export function normaliseIp(text: string): string | null {
  let s = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%[0-9A-Za-z._-]+$/, ""); // an IPv6 zone (fe80::1%eth0)
  const bytes = parseIp(s);
  return bytes ? formatIp(unmap(bytes)) : null;
}

export type IpRange = { bytes: Uint8Array; prefix: number };

/** "10.0.0.0/8", "2001:db8::/32", "192.0.2.7", "::ffff:10.0.0.0/104": null when malformed. */
export function parseRange(text: string): IpRange | null {
  const [address, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0 || !address) return null;
  const raw = parseIp(address);
  if (!raw) return null;
  let prefix = prefixText === undefined ? raw.length * 8 : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= raw.length * 8)) return null;
  let bytes = raw;
  // A range inside ::ffff:0:0/96 is the IPv4 range it maps.
  const unmapped = unmap(raw);
  if (unmapped.length === 4 && raw.length === 16 && prefix >= 96) {
    bytes = unmapped;
    prefix -= 96;
  }
  return { bytes, prefix };
}

export function inRange(address: string, range: IpRange): boolean {
  const raw = parseIp(address);
  if (!raw) return false;
  const bytes = unmap(raw);
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; i < bytes.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

/** TRUSTED_PROXIES parsed; a malformed entry is an error (a typo must not silently trust nothing or everything). */
export function parseTrustedProxies(value: string | undefined): IpRange[] {
  if (!value?.trim()) return [];
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const range = parseRange(entry);
      if (!range) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (for example 10.0.0.0/8, 2001:db8::/32, 192.0.2.7).`);
      return range;
    });
}

let cached: { value: string | undefined; ranges: IpRange[] } | null = null;
function configuredProxies(): IpRange[] {
  const value = process.env.TRUSTED_PROXIES;
  if (!cached || cached.value !== value) cached = { value, ranges: parseTrustedProxies(value) };
  return cached.ranges;
}

function isTrusted(address: string, proxies: IpRange[]): boolean {
  return proxies.some((range) => inRange(address, range));
}

/** Whether the request came straight from one of TRUSTED_PROXIES (so its forwarding headers may be believed). */
export function fromTrustedProxy(headers: HeaderSource, proxies: IpRange[] = configuredProxies()): boolean {
  const peer = peerAddress(headers);
  return proxies.length > 0 && peer !== null && isTrusted(peer, proxies);
}

/**
 * The client's address: the socket's peer, or behind TRUSTED_PROXIES the right-most X-Forwarded-For entry that is not
 * a trusted proxy. UNKNOWN_IP when the socket address is not known (see the module comment).
 */
export function clientIp(headers: HeaderSource, proxies: IpRange[] = configuredProxies()): string {
  const peer = peerAddress(headers);
  if (!peer) return UNKNOWN_IP;
  if (proxies.length === 0 || !isTrusted(peer, proxies)) return peer;
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = normaliseIp(chain[i]!);
    // Written by a trusted proxy, so not a client's invention; if it is not an address we cannot attribute the request.
    if (!entry) return UNKNOWN_IP;
    client = entry;
    if (!isTrusted(entry, proxies)) return entry;
  }
  return client;
}

/**
 * The key per-IP limits count by: the address, except that IPv6 clients are counted by their /64 (one subscriber's
 * network, whose addresses they can rotate through freely).
 */
export function ipLimitKey(ip: string): string {
  const bytes = parseIp(ip);
  if (!bytes || bytes.length === 4) return ip;
  const network = new Uint8Array(16);
  network.set(bytes.slice(0, 8));
  return `${formatIp(network)}/64`;
}

/** Whether the request reached us over https: NEXTAUTH_URL is https, or a trusted proxy says the client used https. */
export function servedOverHttps(headers: HeaderSource, proxies: IpRange[] = configuredProxies()): boolean {
  if ((process.env.NEXTAUTH_URL ?? "").toLowerCase().startsWith("https://")) return true;
  if (!fromTrustedProxy(headers, proxies)) return false;
  // The nearest proxy's value (right-most): entries to its left may be the client's.
  const proto = (header(headers, "x-forwarded-proto") ?? "").split(",").pop()?.trim().toLowerCase();
  return proto === "https";
}
