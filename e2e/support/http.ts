import http from "node:http";

/**
 * Plain HTTP requests to the e2e server from a chosen loopback source address (Linux routes all of 127.0.0.0/8 to the
 * loopback interface), so a test can be "another client" with its own IP address, as the server's socket sees it,
 * and not share the per-IP sign-in limit with the rest of the suite.
 */
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function rawRequest(
  baseURL: string,
  options: { localAddress: string; method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const url = new URL(options.path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: Number(url.port),
        path: url.pathname + url.search,
        method: options.method ?? "GET",
        localAddress: options.localAddress,
        headers: { host: url.host, ...options.headers, ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}) },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A random loopback address other than 127.0.0.1 (which the browser tests use). */
export function randomLoopback(): string {
  const n = () => 1 + Math.floor(Math.random() * 254);
  return `127.${n()}.${n()}.${n()}`;
}

/**
 * One sign-in through next-auth's credentials endpoint, as the sign-in form does it (CSRF token first), from
 * `localAddress` with extra request headers. Returns next-auth's error message, or "signed in".
 */
export async function signInOverHttp(
  baseURL: string,
  localAddress: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const csrf = await rawRequest(baseURL, { localAddress, path: "/api/auth/csrf", headers });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await rawRequest(baseURL, {
    localAddress,
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
  });
  const { url } = JSON.parse(response.body) as { url: string };
  return new URL(url).searchParams.get("error") ?? "signed in";
}
