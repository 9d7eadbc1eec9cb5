import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  PEER_ADDRESS_HEADER,
  UNKNOWN_IP,
  clientIp,
  inRange,
  installPeerAddressHook,
  ipLimitKey,
  normaliseIp,
  parseRange,
  parseTrustedProxies,
  peerAddress,
  servedOverHttps,
} from "./client-ip";

/** Requests as the hook stamps them: the real stamp is taken from a request served by a real HTTP server. */
let stampFor: (address: string) => string;

beforeAll(async () => {
  installPeerAddressHook();
  const seen = await new Promise<string>((resolve, reject) => {
    const server = http.createServer((req, res) => {
      resolve(String(req.headers[PEER_ADDRESS_HEADER]));
      res.end();
      server.close();
    });
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      // The client tries to choose its own stamp; the hook overwrites it.
      http.get({ host: "127.0.0.1", port, headers: { [PEER_ADDRESS_HEADER]: "forged 203.0.113.1" } }, (res) => res.resume()).on("error", reject);
    });
  });
  const token = seen.split(" ")[0]!;
  expect(seen).toBe(`${token} 127.0.0.1`);
  stampFor = (address) => `${token} ${address}`;
});

const request = (peer: string | null, more: Record<string, string> = {}) =>
  new Headers({ ...(peer === null ? {} : { [PEER_ADDRESS_HEADER]: stampFor(peer) }), ...more });

describe("normaliseIp", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:5123", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:cb00:7109", "203.0.113.9"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
    ["::", "::"],
    ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
  ])("%s is %s", (input, expected) => {
    expect(normaliseIp(input)).toBe(expected);
  });

  it.each([
    "",
    "unknown",
    "256.1.1.1",
    "1.2.3",
    "010.1.1.1",
    "1::2::3",
    "1:2:3:4:5:6:7:8:9",
    "12345::",
    "::g",
    "1.2.3.4.5",
    "_gateway",
    "203.0.113.9, 10.0.0.1",
  ])("%j is not an address", (input) => {
    expect(normaliseIp(input)).toBeNull();
  });
});

describe("ranges", () => {
  it("matches IPv4 and IPv6 ranges, single addresses and mapped forms", () => {
    expect(inRange("10.1.2.3", parseRange("10.0.0.0/8")!)).toBe(true);
    expect(inRange("11.1.2.3", parseRange("10.0.0.0/8")!)).toBe(false);
    expect(inRange("192.0.2.7", parseRange("192.0.2.7")!)).toBe(true);
    expect(inRange("192.0.2.8", parseRange("192.0.2.7")!)).toBe(false);
    expect(inRange("172.31.255.255", parseRange("172.16.0.0/12")!)).toBe(true);
    expect(inRange("172.32.0.0", parseRange("172.16.0.0/12")!)).toBe(false);
    expect(inRange("2001:db8:ffff::1", parseRange("2001:db8::/32")!)).toBe(true);
    expect(inRange("2001:db9::1", parseRange("2001:db8::/32")!)).toBe(false);
    // An IPv4 client on a dual-stack socket is reported as ::ffff:a.b.c.d.
    expect(inRange("::ffff:10.0.0.5", parseRange("10.0.0.0/8")!)).toBe(true);
    expect(inRange("10.0.0.5", parseRange("::ffff:10.0.0.0/104")!)).toBe(true);
    // IPv4 ranges never match IPv6 addresses and the other way round.
    expect(inRange("::a00:5", parseRange("10.0.0.0/8")!)).toBe(false);
    expect(inRange("10.0.0.5", parseRange("::/0")!)).toBe(false);
    expect(inRange("198.51.100.1", parseRange("0.0.0.0/0")!)).toBe(true);
  });

  it("refuses malformed TRUSTED_PROXIES entries rather than guessing", () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies(" ")).toEqual([]);
    expect(parseTrustedProxies("10.0.0.0/8, 2001:db8::/32,192.0.2.7")).toHaveLength(3);
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "proxy.internal", "2001:db8::/129", "10.0.0.1/8/1", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(`192.0.2.7,${bad}`), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});

describe("peerAddress", () => {
  it("believes only this process's stamp", () => {
    expect(peerAddress(request("203.0.113.9"))).toBe("203.0.113.9");
    expect(peerAddress(request("::ffff:203.0.113.9"))).toBe("203.0.113.9");
    expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: "guess 203.0.113.9" }))).toBeNull();
    expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.9" }))).toBeNull();
    expect(peerAddress(new Headers())).toBeNull();
    // Plain objects (next-auth passes headers as one) work the same.
    expect(peerAddress({ [PEER_ADDRESS_HEADER]: stampFor("198.51.100.4") })).toBe("198.51.100.4");
  });
});

describe("clientIp", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8:ffff::/48");

  it("without TRUSTED_PROXIES is the socket's peer, whatever X-Forwarded-For or X-Real-IP say", () => {
    expect(clientIp(request("198.51.100.7", { "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" }), [])).toBe("198.51.100.7");
    expect(clientIp(request("198.51.100.7"), [])).toBe("198.51.100.7");
    expect(clientIp(request("::ffff:198.51.100.7", { "x-forwarded-for": "1.2.3.4" }), [])).toBe("198.51.100.7");
  });

  it("is UNKNOWN_IP when the socket address was not stamped (never the client's headers)", () => {
    expect(clientIp(request(null, { "x-forwarded-for": "1.2.3.4" }), [])).toBe(UNKNOWN_IP);
    expect(clientIp(new Headers({ [PEER_ADDRESS_HEADER]: "forged 1.2.3.4", "x-forwarded-for": "1.2.3.4" }), proxies)).toBe(UNKNOWN_IP);
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientIp(request("198.51.100.7", { "x-forwarded-for": "1.2.3.4" }), proxies)).toBe("198.51.100.7");
  });

  it("behind trusted proxies is the right-most untrusted X-Forwarded-For entry", () => {
    // The client forged "1.2.3.4"; the proxy appended the address it saw (203.0.113.50).
    expect(clientIp(request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.50" }), proxies)).toBe("203.0.113.50");
    // Two trusted hops.
    expect(clientIp(request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.50, 10.9.9.9" }), proxies)).toBe("203.0.113.50");
    // Repeated headers arrive joined by Next's Node server as one comma-separated value; ports and brackets dropped.
    expect(clientIp(request("::ffff:10.0.0.2", { "x-forwarded-for": "[2001:db8:1::5]:443" }), proxies)).toBe("2001:db8:1::5");
    expect(clientIp(request("2001:db8:ffff::10", { "x-forwarded-for": "203.0.113.50:6000, 2001:db8:ffff::11" }), proxies)).toBe("203.0.113.50");
  });

  it("behind trusted proxies with only proxies in the chain is the left-most of them, or the peer", () => {
    expect(clientIp(request("10.0.0.2", { "x-forwarded-for": "10.0.0.9" }), proxies)).toBe("10.0.0.9");
    expect(clientIp(request("10.0.0.2"), proxies)).toBe("10.0.0.2");
  });

  it("is UNKNOWN_IP when a trusted proxy's entry is not an address", () => {
    expect(clientIp(request("10.0.0.2", { "x-forwarded-for": "1.2.3.4, unknown" }), proxies)).toBe(UNKNOWN_IP);
  });

  it("a forged chain cannot win: 31 different forged X-Forwarded-For values are all the one real peer", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 31; i++) seen.add(clientIp(request("198.51.100.7", { "x-forwarded-for": `10.0.0.${i}, 203.0.113.${i}` }), proxies));
    expect([...seen]).toEqual(["198.51.100.7"]);
  });
});

describe("ipLimitKey", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(ipLimitKey("198.51.100.7")).toBe("198.51.100.7");
    expect(ipLimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:db8:1:2::1")).toBe(ipLimitKey("2001:db8:1:2:ffff::9"));
    expect(ipLimitKey(UNKNOWN_IP)).toBe(UNKNOWN_IP);
  });
});

describe("servedOverHttps", () => {
  const original = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (original === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = original;
  });
  const proxies = parseTrustedProxies("10.0.0.0/8");

  it("is https when NEXTAUTH_URL is https", () => {
    process.env.NEXTAUTH_URL = "https://attain.example";
    expect(servedOverHttps(request("198.51.100.7"), [])).toBe(true);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy, and only the nearest proxy's value", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(servedOverHttps(request("198.51.100.7", { "x-forwarded-proto": "https" }), proxies)).toBe(false);
    expect(servedOverHttps(request("198.51.100.7", { "x-forwarded-proto": "https" }), [])).toBe(false);
    expect(servedOverHttps(request("10.0.0.2", { "x-forwarded-proto": "https" }), proxies)).toBe(true);
    expect(servedOverHttps(request("10.0.0.2", { "x-forwarded-proto": "https, http" }), proxies)).toBe(false);
    expect(servedOverHttps(request("10.0.0.2"), proxies)).toBe(false);
  });
});
