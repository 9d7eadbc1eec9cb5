/**
 * The simulator's control, for tests in the same process (EsfaSimulator.control) and, over HTTP at /__control/*,
 * for other processes: faults, counters, manual claims, certificate statuses, learners, keys and time.
 */
import type { RequestCounters } from "./counters";
import type { FaultInjector } from "./faults";
import type { Gateway } from "./gateway";
import { claimManually } from "./manual-claim";
import { json, type Reply } from "./reply";
import type { Service } from "./service";
import type { Persistence } from "./state";
import type { EsfaFault, EsfaManualClaim, EsfaRegisterLearner, EsfaSimulatorControl, EsfaSimulatorKey, EsfaSimulatorStatus } from "./types";
import { certificateState } from "./views";

export interface ControlParts {
  service: Service;
  gateway: Gateway;
  faults: FaultInjector;
  counters: RequestCounters;
  persistence: Persistence;
}

export function createControl({ service, gateway, faults, counters, persistence }: ControlParts): EsfaSimulatorControl {
  const { clock, certificates } = service;
  const control: EsfaSimulatorControl = {
    failNext: (count, status, opts) => faults.failNext(count, status, opts),
    hangNext: (count, opts) => faults.hangNext(count, opts),
    setDelay: (ms) => faults.setDelay(ms),
    throttle: (opts) => faults.throttle(opts),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    claimManually(claim) {
      const state = certificateState(service, claimManually(service, claim));
      persistence.persist();
      return state;
    },
    certificates: () => certificates.all().map((c) => certificateState(service, c)),
    certificate(reference) {
      const cert = certificates.byReference(reference);
      return cert ? certificateState(service, cert) : null;
    },
    setCertificateStatus(reference, status) {
      const cert = certificates.byReference(reference);
      if (!cert) throw new Error(`No certificate ${reference}`);
      certificates.progress(cert);
      const now = clock.now();
      if (status === "NotDelivered" || status === "Delivered") {
        cert.printedAt ??= now;
        cert.deliveredAt = now;
        cert.undeliverable = status === "NotDelivered";
      }
      if (status === "Printed") cert.printedAt = now;
      if (status === "Submitted") cert.submittedAt ??= now;
      cert.status = status;
      certificates.changed = true;
      persistence.persist();
    },
    addLearner(learner) {
      service.register.addLearner(learner);
      persistence.persistSoon();
    },
    addKey(key) {
      gateway.keys.add(key);
      persistence.persist();
    },
    expireKey(key) {
      gateway.keys.expire(key);
      persistence.persist();
    },
    advanceTime: (ms) => clock.advance(ms),
    setTime: (at) => clock.setTime(typeof at === "number" ? at : new Date(at).getTime()),
    now: () => new Date(clock.now()),
    reset() {
      control.clearFaults();
      control.resetCounters();
      gateway.resetRateLimit();
    },
  };
  return control;
}

/** POST/GET/DELETE /__control/…: the control over HTTP. Errors the control throws answer 400. */
export function controlRequest(control: EsfaSimulatorControl, method: string, path: string, body: Buffer): Reply {
  let input: Record<string, unknown> = {};
  if (body.length) {
    try {
      input = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    } catch {
      return json(400, { error: "Invalid JSON" });
    }
  }
  const segments = path.split("/").filter(Boolean).slice(1);
  const [what, id, sub] = segments;
  const done = (action: () => void): Reply => {
    action();
    return json(204);
  };
  try {
    if (method === "GET" && what === "counters") return json(200, control.counters());
    if (method === "POST" && what === "counters" && id === "reset") return done(control.resetCounters);
    if (method === "POST" && what === "faults") return done(() => control.inject(input as unknown as EsfaFault));
    if (method === "DELETE" && what === "faults") return done(control.clearFaults);
    if (method === "POST" && what === "reset") return done(control.reset);
    if (method === "POST" && what === "claims") return json(201, control.claimManually(input as unknown as EsfaManualClaim));
    if (method === "GET" && what === "certificates" && !id) return json(200, control.certificates());
    if (method === "GET" && what === "certificates" && id) {
      const state = control.certificate(id);
      return state ? json(200, state) : json(404, { error: "Not found" });
    }
    if (method === "POST" && what === "certificates" && id && sub === "status") {
      control.setCertificateStatus(id, input.status as EsfaSimulatorStatus);
      return json(200, control.certificate(id));
    }
    if (method === "POST" && what === "learners") return done(() => control.addLearner(input as unknown as EsfaRegisterLearner));
    if (method === "POST" && what === "keys" && !id) return done(() => control.addKey(input as unknown as EsfaSimulatorKey));
    if (method === "POST" && what === "keys" && id && sub === "expire") return done(() => control.expireKey(decodeURIComponent(id)));
    if (what === "time") {
      if (method === "POST" && typeof input.advanceMs === "number") control.advanceTime(input.advanceMs);
      else if (method === "POST" && input.now != null) control.setTime(input.now as string);
      return json(200, { now: control.now().toISOString() });
    }
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
  return json(404, { error: "Unknown control endpoint" });
}
