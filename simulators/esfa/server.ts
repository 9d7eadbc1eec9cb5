/**
 * The simulator's HTTP server: puts the parts together (the service's data, the gateway, the faults, the
 * counters, persistence and the control) and runs each request through them in the order the real path runs:
 * injected faults, APIM's gateway, the operation, then the state is saved before the answer is written.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { controlRequest, createControl } from "./control";
import { RequestCounters } from "./counters";
import { FaultInjector, HANG } from "./faults";
import { Gateway } from "./gateway";
import { handleApi } from "./handlers";
import { APIM_MESSAGES, STATUS_MESSAGES } from "./messages";
import { apiError, bindingProblem, type Reply } from "./reply";
import { matchRoute } from "./routes";
import { createService } from "./service";
import { openPersistence } from "./state";
import type { EsfaSimulator, EsfaSimulatorOptions } from "./types";

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep what is needed to measure it; past 4 MB stop buffering.
      if (size <= 4 * 1024 * 1024) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function write(res: http.ServerResponse, reply: Reply) {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  // Ok("Pong") is written as text/plain by ASP.NET; every other body is JSON.
  const plain = typeof reply.body === "string";
  const text = plain ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": plain ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export async function startEsfaSimulator(options: EsfaSimulatorOptions): Promise<EsfaSimulator> {
  const service = createService(options);
  const gateway = new Gateway(service.clock, options);
  // Loads what `stateDir` holds before listening: a state it cannot read stops the start.
  const persistence = openPersistence(options.stateDir, service, gateway.keys);
  const faults = new FaultInjector(service.clock);
  const counters = new RequestCounters();
  const control = createControl({ service, gateway, faults, counters, persistence });

  /** Writes the answer; API answers (not the control's) count in the counters by status. */
  function send(res: http.ServerResponse, reply: Reply, counted = true) {
    if (counted) counters.response(reply.status);
    write(res, reply);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const method = (req.method ?? "GET").toUpperCase();
    const path = (req.url ?? "/").split("?")[0]!;
    const body = await readBody(req);

    if (path.toLowerCase().startsWith("/__control")) {
      if (options.httpControl === false) return send(res, apiError(404, APIM_MESSAGES.notFound), false);
      return send(res, controlRequest(control, method, path, body), false);
    }

    const route = matchRoute(method, path);
    const endpoint = route?.endpoint ?? "other";
    counters.request(endpoint);

    const injected = await faults.apply(endpoint);
    if (injected === HANG) return; // never answer; close() drops the connection
    if (injected) return send(res, injected);

    const admitted = gateway.admit(req, body.length);
    if ("refused" in admitted) return send(res, admitted.refused);

    if (!route) return send(res, apiError(404, APIM_MESSAGES.notFound));
    try {
      const reply = handleApi(service, route.endpoint, route.params, body, admitted.caller);
      // Saved before ESFA answers: a certificate (and its reference) the caller was told about is never forgotten.
      persistence.persist();
      send(res, reply);
    } catch (error) {
      if (error instanceof URIError) return send(res, bindingProblem({ "": ["The route value is not valid."] }));
      console.error("[esfa-sim]", error);
      send(res, apiError(500, STATUS_MESSAGES[500]!));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[esfa-sim]", error);
      if (!res.headersSent) send(res, apiError(500, STATUS_MESSAGES[500]!));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`,
    port: address.port,
    control,
    async close() {
      faults.cancelWaits();
      persistence.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
