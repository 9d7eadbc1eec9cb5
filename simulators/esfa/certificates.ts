/**
 * The certificates the simulator has issued, by learner and standard and by reference; the reference counter; and
 * the print process, which moves a submitted certificate on by the clock (Submitted → Printed → Delivered).
 */
import type { SimClock } from "./clock";
import type { EsfaSimulatorOptions, EsfaSimulatorTimings, SimCertificate } from "./types";
import { DAY } from "./values";
import { ESFA_PRINT_PROCESS_STATUSES } from "./wire";

const DEFAULT_TIMINGS: EsfaSimulatorTimings = { printAfterMs: DAY, deliverAfterMs: 3 * DAY };

/** SentToPrinter, Printed, Delivered, NotDelivered and Reprint: the API shows them as Submitted. */
export const isPrintProcess = (status: string) => (ESFA_PRINT_PROCESS_STATUSES as readonly string[]).includes(status);

/** The certificate's most recent EPA (latest date first). */
export const latestEpa = (cert: SimCertificate) => [...cert.epas].sort((a, b) => b.epaDate.localeCompare(a.epaDate))[0];

export class CertificateBook {
  readonly timings: EsfaSimulatorTimings;
  private readonly byLearner = new Map<string, SimCertificate>();
  private readonly references = new Map<string, SimCertificate>();
  private nextReference: number;
  /** Certificates or the reference counter changed since the last save. */
  changed = false;

  constructor(
    private readonly clock: SimClock,
    options: Pick<EsfaSimulatorOptions, "timings" | "firstCertificateReference">,
  ) {
    this.timings = {
      printAfterMs: options.timings?.printAfterMs ?? DEFAULT_TIMINGS.printAfterMs,
      deliverAfterMs: options.timings?.deliverAfterMs ?? DEFAULT_TIMINGS.deliverAfterMs,
    };
    this.nextReference = options.firstCertificateReference ?? 1;
  }

  /** The certificate of this learner for this standard (whatever its status). */
  certificate(uln: number, code: number) {
    return this.byLearner.get(`${uln}:${code}`) ?? null;
  }
  byReference(reference: string) {
    return this.references.get(reference);
  }
  /** Every certificate, in the order they were first stored. */
  all(): SimCertificate[] {
    return [...this.references.values()];
  }

  /** Moves Submitted → Printed → Delivered by the clock. */
  progress(cert: SimCertificate) {
    const now = this.clock.now();
    if (cert.status === "Submitted" && cert.submittedAt != null && now >= cert.submittedAt + this.timings.printAfterMs) {
      cert.status = "Printed";
      cert.printedAt = cert.submittedAt + this.timings.printAfterMs;
    }
    if (cert.status === "Printed" && cert.printedAt != null && now >= cert.printedAt + this.timings.deliverAfterMs) {
      cert.status = cert.undeliverable ? "NotDelivered" : "Delivered";
      cert.deliveredAt = cert.printedAt + this.timings.deliverAfterMs;
    }
    return cert;
  }

  newReference() {
    this.changed = true;
    return String(this.nextReference++).padStart(8, "0");
  }

  store(cert: SimCertificate) {
    this.byLearner.set(`${cert.uln}:${cert.standardCode}`, cert);
    this.references.set(cert.reference, cert);
    this.changed = true;
  }

  /** What state.json keeps (besides the keys, which the gateway holds). */
  snapshot(): { nextReference: number; certificates: SimCertificate[] } {
    return { nextReference: this.nextReference, certificates: this.all() };
  }

  /** Certificates from state.json; the counter continues after the highest reference ever issued. */
  restore(saved: { nextReference?: unknown; certificates?: unknown }) {
    const certificates = Array.isArray(saved.certificates) ? (saved.certificates as SimCertificate[]) : [];
    let highest = 0;
    for (const cert of certificates) {
      if (typeof cert?.reference !== "string" || !Number.isSafeInteger(cert.uln) || !Number.isSafeInteger(cert.standardCode)) continue;
      this.byLearner.set(`${cert.uln}:${cert.standardCode}`, cert);
      this.references.set(cert.reference, cert);
      if (/^\d+$/.test(cert.reference)) highest = Math.max(highest, Number(cert.reference));
    }
    const saidNext = typeof saved.nextReference === "number" && Number.isSafeInteger(saved.nextReference) ? saved.nextReference : 0;
    this.nextReference = Math.max(this.nextReference, saidNext, highest + 1);
  }
}
