/**
 * A local stand-in for the ESFA Assessment Service External API behind its APIM gateway, on its own node:http
 * server, for tests, Playwright and local runs (`npm run esfa:sim`).
 *
 * Behaviour follows SkillsFundingAgency/das-assessor-service (MIT): the External API controllers
 * (CertificateController, LearnerController, StandardsController), the internal CertificateBatchController and
 * the FluentValidation validators in Application.Api/Validators/ExternalApi/**, whose messages are reproduced
 * word for word (including their inconsistent trailing full stops). The gateway parts (subscription key, rate
 * limit, body size) follow Azure API Management's documented behaviour.
 *
 * Not reproduced: the EPA endpoints (api/v1/epa), UKPRN/e-mail headers, private funding, approvals workflow.
 *
 * Whose key is it: like the real service, nothing tells the caller. APIM maps the subscription key to its subscriber
 * and forwards the UKPRN to the API only as request headers; no endpoint, response field or header names the
 * subscriber's EPAO back (there is no "whoami"). A key simply acts as its EPAO, here as in the real API.
 *
 * State: in memory, unless `stateDir` is given: then the register, the certificates (with their statuses), the keys
 * and the reference counter are kept there (register.json, state.json; each written to a temporary file and renamed
 * into place) and loaded on start, so a restart forgets no certificate and never issues a reference twice. Faults,
 * counters and the time offset are not kept.
 *
 * Time: everything (achievement dates in the future, status progress, the rate-limit window) reads the
 * injected `clock` plus any offset set through `control.advanceTime()`; delays and hangs use real timers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openStateStore } from "./state";
import type { EsfaRegisterLearner, EsfaSimulatorKey } from "./types";

export type { EsfaRegisterLearner, EsfaSimulatorKey };
import {
  ESFA_ENDPOINTS,
  ESFA_GRADES,
  ESFA_KEY_HEADER,
  ESFA_MAX_BATCH,
  ESFA_MAX_BODY_BYTES,
  ESFA_PRINT_PROCESS_STATUSES,
  ESFA_RATE_LIMIT,
  type EsfaBatchCertificateResponse,
  type EsfaCertificate,
  type EsfaEpaDetails,
  type EsfaLearnerRecord,
  type EsfaPostalContact,
  type EsfaStandard,
  type EsfaStandardOptions,
} from "../../lib/esfa/types";

// ---------------------------------------------------------------- options

export interface EsfaSimulatorTimings {
  /** Submitted → Printed after this long. Default 24 hours. */
  printAfterMs: number;
  /** Printed → Delivered after this long. Default 72 hours. */
  deliverAfterMs: number;
}

export interface EsfaSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  register: EsfaRegisterLearner[];
  /** Keys and their EPAO: a list, or `{ key: epaoId }`. */
  keys?: EsfaSimulatorKey[] | Record<string, string>;
  /** Which EPAO may assess which standard (and versions). Default: each learner's EPAO for the learner's standard. */
  approvals?: { epaoId: string; standardCode: number; versions?: string[] }[];
  clock?: () => Date | number;
  timings?: Partial<EsfaSimulatorTimings>;
  /** Gateway rate limit, a sliding window per caller IP (default, as ESFA states it) or per key. false turns it off. */
  rateLimit?: { calls: number; periodMs: number; by?: "ip" | "key" } | false;
  /** Gateway body limit in bytes. Default 32 KB. */
  maxBodyBytes?: number;
  /** First certificate reference number. Default 1. */
  firstCertificateReference?: number;
  /** Serve /__control/* over HTTP for other processes. Default true. */
  httpControl?: boolean;
  /**
   * Keep the register, certificates, keys and the reference counter in this directory and load them on start. What
   * it holds wins over `register` and `keys` for the same learner or key (the ILR does not change because the portal
   * restarted). Default: nothing kept.
   */
  stateDir?: string;
}

/** A certificate claimed by hand on the ESFA website (`control.claimManually`). */
export interface EsfaManualClaim {
  uln: number | string;
  familyName: string;
  standardCode?: number;
  standardReference?: string;
  grade: string;
  /** YYYY-MM-DD. Default: today by the simulator clock. */
  achievementDate?: string;
  version?: string;
  courseOption?: string;
  /** Default: the learner's EPAO. */
  epaoId?: string;
  /** Default Submitted. */
  status?: "Draft" | "Submitted";
  postalContact?: Partial<EsfaPostalContact>;
  user?: string;
}

export type EsfaSimulatorStatus = "Draft" | "Submitted" | "SentToPrinter" | "Printed" | "Delivered" | "NotDelivered" | "Reprint" | "Deleted";

/** What the simulator holds for a certificate (internal status, not the API's view of it). */
export interface EsfaSimulatorCertificateState {
  certificateReference: string;
  uln: number;
  familyName: string;
  standardCode: number;
  standardReference: string;
  epaoId: string;
  status: EsfaSimulatorStatus;
  overallGrade: string | null;
  source: "api" | "manual";
  createdAt: string;
  submittedAt: string | null;
  printedAt: string | null;
  deliveredAt: string | null;
}

export interface EsfaSimulatorCounters {
  total: number;
  /** Requests received per endpoint (ESFA_ENDPOINTS values; "other" for anything else). */
  byEndpoint: Record<string, number>;
  /** Responses per status code. */
  byStatus: Record<string, number>;
}

export type EsfaFault =
  | { type: "status"; status: number; count?: number; endpoint?: string; retryAfterSeconds?: number; message?: string }
  | { type: "hang"; count?: number; ms?: number; endpoint?: string }
  | { type: "delay"; ms: number }
  | { type: "throttle"; forMs?: number; count?: number; retryAfterSeconds?: number };

export interface EsfaSimulatorControl {
  /** The next `count` requests (to `endpoint`, if given) answer `status` (default 500). */
  failNext(count: number, status?: number, options?: { endpoint?: string; retryAfterSeconds?: number; message?: string }): void;
  /** The next `count` requests never answer, or answer normally after `ms`. */
  hangNext(count: number, options?: { ms?: number; endpoint?: string }): void;
  /** Every response is delayed by `ms` (0 turns it off). */
  setDelay(ms: number): void;
  /** Answer 429 for `forMs` of simulator time and/or the next `count` requests. */
  throttle(options: { forMs?: number; count?: number; retryAfterSeconds?: number }): void;
  /** Apply a fault described as data (what POST /__control/faults takes). */
  inject(fault: EsfaFault): void;
  clearFaults(): void;
  counters(): EsfaSimulatorCounters;
  resetCounters(): void;
  /** Create a certificate as if the EPAO had used the ESFA website. */
  claimManually(claim: EsfaManualClaim): EsfaSimulatorCertificateState;
  certificates(): EsfaSimulatorCertificateState[];
  certificate(reference: string): EsfaSimulatorCertificateState | null;
  /** Force a status, e.g. NotDelivered or Reprint. */
  setCertificateStatus(reference: string, status: EsfaSimulatorStatus): void;
  addLearner(learner: EsfaRegisterLearner): void;
  addKey(key: EsfaSimulatorKey): void;
  expireKey(key: string): void;
  advanceTime(ms: number): void;
  setTime(at: Date | number | string): void;
  now(): Date;
  /** Clear faults, delay and counters (data stays). */
  reset(): void;
}

export interface EsfaSimulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  port: number;
  control: EsfaSimulatorControl;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- messages

/** APIM's subscription-key answers. */
export const APIM_MESSAGES = {
  missingKey: "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.",
  invalidKey: "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.",
  expiredKey:
    "Access denied due to an inactive subscription. The subscription key has expired or been disabled: generate a new key in the ESFA Assessment Service.",
  notFound: "Resource not found",
  rateLimit: (seconds: number) => `Rate limit is exceeded. Try again in ${seconds} seconds.`,
  bodyTooLarge: (size: number, max: number) => `Request's body is ${size} bytes long and it exceeds the limit of ${max} bytes.`,
} as const;

const GRADE_LIST = ESFA_GRADES.join(", ");
export const ESFA_MESSAGES = {
  batchLimit: `Batch limited to ${ESFA_MAX_BATCH} requests`,
  familyName: "Provide apprentice family name",
  standard: "Provide a valid Standard",
  standardRequired: "Provide a Standard",
  standardNotFound: "Standard not found",
  standardMismatch: "StandardReference and StandardCode must be for the same Standard",
  noOptions: "No course option available for this Standard and version. Must be empty",
  invalidOption: (options: string[], code: number, version: string) => {
    const list = options.join(", ");
    return `Invalid course option for this Standard and version. Must be one of the following: ${list} where ${list} depends on the standard code, and can be obtained with GET /api/v1/standard/options/${code}/${version}`;
  },
  invalidVersion: "Invalid version for Standard",
  uln: "ULN should contain exactly 10 numbers",
  notFoundForCertificate: "ULN, FamilyName and Standard not found.",
  notFound: "ULN, FamilyName and Standard not found",
  notApproved: "Your organisation is not approved to assess this Standard",
  notApprovedVersion: (version: string) => `Your organisation is not approved to assess this Standard Version: ${version}`,
  contactName: "Provide a contact name",
  address: "Provide an address",
  city: "Provide a city or town",
  postcode: "Provide a postcode",
  postcodeInvalid: "Provide a valid UK postcode",
  grade: "Select the grade achieved",
  gradeFail: "Cannot record a Fail grade via API",
  gradeInvalid: `You must enter a valid grade. Must be one of the following: ${GRADE_LIST}, where ${GRADE_LIST} can be obtained with /api/v1/certificate/grades`,
  achievementDate: "Provide the achievement date",
  achievementDateTooEarly: "Achievement date cannot be before 01 01 2017",
  achievementDateFuture: "Achievement date cannot be in the future",
  alreadyExists: (reference: string) => `Certificate already exists: ${reference}`,
  notCreatorOfEpa: "Your organisation is not the creator of the EPA",
  learnerMissing: (uln: number) => `Learner details for ULN: ${uln} not found`,
  learnerWithdrawn: "Cannot find the apprentice details",
  referenceRequired: "Provide the certificate reference",
  certificateNotFound: "Certificate not found",
  certificateNotFoundDot: "Certificate not found.",
  notCreator: "Your organisation is not the creator of this Certificate",
  epaNotPassed: "Latest EPA Outcome has not passed",
  notDraft: "Certificate does not exist in Draft status",
  alreadySubmitted: "Certificate has already been submitted",
  notReady: "Certificate is not in Ready status",
  missingData: "Certificate is missing mandatory data",
  cannotDeleteSubmitted: "Cannot delete a submitted Certificate",
  apprenticeNotFound: "Cannot find apprentice with the specified Uln, FamilyName & Standard",
  certificateNotFoundForApprentice: "Cannot find certificate with the specified Uln, FamilyName & Standard",
} as const;

// ---------------------------------------------------------------- helpers

const DAY = 86_400_000;
const DEFAULT_TIMINGS: EsfaSimulatorTimings = { printAfterMs: DAY, deliverAfterMs: 3 * DAY };
const MIN_ULN = 1_000_000_000;
const MAX_ULN = 9_999_999_999;
const EARLIEST_ACHIEVEMENT = Date.UTC(2017, 0, 1);
/** UK postcode shapes A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA and GIR 0AA. */
const POSTCODE = /^(?:GIR *0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) *[0-9][ABD-HJLNP-UW-Z]{2})$/i;

const blank = (value: string | null | undefined): boolean => value == null || value.trim() === "";
const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** .NET's rendering of a date-only DateTime. */
const dotnetDate = (ymd: string | null | undefined) => (ymd ? `${ymd.slice(0, 10)}T00:00:00` : null);
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
const isPrintProcess = (status: string) => (ESFA_PRINT_PROCESS_STATUSES as readonly string[]).includes(status);

interface SimStandard {
  code: number;
  reference: string;
  name: string;
  level: number;
  versions: string[];
  options: Map<string, string[]>;
}

interface SimLearner {
  uln: number;
  familyName: string;
  givenNames: string | null;
  standardCode: number;
  version: string | null;
  epaoId: string;
  ukprn: number;
  providerName: string | null;
  learnerReferenceNumber: string | null;
  learningStartDate: string | null;
  plannedEndDate: string | null;
  completionStatus: number;
}

interface SimCertificate {
  reference: string;
  uln: number;
  standardCode: number;
  epaoId: string;
  status: EsfaSimulatorStatus;
  source: "api" | "manual";
  givenNames: string | null;
  familyName: string;
  version: string | null;
  courseOption: string | null;
  overallGrade: string | null;
  achievementDate: string | null;
  postalContact: EsfaPostalContact | null;
  epas: { epaDate: string; epaOutcome: string; version: string | null }[];
  createdAt: number;
  createdBy: string;
  submittedAt: number | null;
  submittedBy: string | null;
  printedAt: number | null;
  deliveredAt: number | null;
  /** Ends NotDelivered instead of Delivered. */
  undeliverable: boolean;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });
const apiError = (status: number, message: string, headers?: Record<string, string>): Reply => json(status, { statusCode: status, message }, headers);

/** ASP.NET [ApiController]'s automatic 400 for a body or route value that cannot be bound. */
function bindingProblem(errors: Record<string, string[]>): Reply {
  return json(400, {
    errors,
    type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    title: "One or more validation errors occurred.",
    status: 400,
  });
}

class BindingError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super("binding");
  }
}

/** Reads JSON values the way the .NET model binder would, collecting conversion errors. */
class Binder {
  errors: Record<string, string[]> = {};
  private fail(path: string, message: string) {
    (this.errors[path] ??= []).push(message);
  }
  object(value: unknown, path: string): Record<string, unknown> {
    if (value == null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, `Unexpected value at '${path}': an object was expected.`);
      return {};
    }
    return value as Record<string, unknown>;
  }
  string(value: unknown, path: string): string | null {
    if (value == null) return null;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    this.fail(path, `Unexpected character encountered while parsing value at '${path}'.`);
    return null;
  }
  integer(value: unknown, path: string, fallback: number | null): number | null {
    if (value == null || value === "") return fallback;
    const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n)) {
      this.fail(path, `Could not convert ${JSON.stringify(value)} to an integer. Path '${path}'.`);
      return fallback;
    }
    return n;
  }
  date(value: unknown, path: string): string | null {
    if (value == null || value === "") return null;
    if (typeof value === "string") {
      const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
      if (match) {
        const [, y, m, d] = match;
        const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
        if (isoDate(ms) === `${y}-${m}-${d}`) return `${y}-${m}-${d}`;
      }
    }
    this.fail(path, `Could not convert string to DateTime: ${String(value)}. Path '${path}'.`);
    return null;
  }
  check() {
    if (Object.keys(this.errors).length > 0) throw new BindingError(this.errors);
  }
}

interface CertificateInput {
  requestId: string | null;
  standardCode: number;
  standardReference: string | null;
  uln: number;
  familyName: string | null;
  version: string | null;
  courseOption: string | null;
  overallGrade: string | null;
  achievementDate: string | null;
  postalContact: {
    contactName: string | null;
    department: string | null;
    organisation: string | null;
    addressLine1: string | null;
    addressLine2: string | null;
    addressLine3: string | null;
    city: string | null;
    postCode: string | null;
  };
  certificateReference: string | null;
}

function bindCertificateItem(binder: Binder, raw: unknown, index: number): CertificateInput {
  const p = `[${index}]`;
  const item = binder.object(raw, p);
  const standard = binder.object(item.standard, `${p}.standard`);
  const learner = binder.object(item.learner, `${p}.learner`);
  const details = binder.object(item.learningDetails, `${p}.learningDetails`);
  const contact = binder.object(item.postalContact, `${p}.postalContact`);
  const s = (v: unknown, path: string) => binder.string(v, path);
  return {
    requestId: s(item.requestId, `${p}.requestId`),
    standardCode: binder.integer(standard.standardCode, `${p}.standard.standardCode`, 0) ?? 0,
    standardReference: s(standard.standardReference, `${p}.standard.standardReference`),
    uln: binder.integer(learner.uln, `${p}.learner.uln`, 0) ?? 0,
    familyName: s(learner.familyName, `${p}.learner.familyName`),
    version: s(details.version, `${p}.learningDetails.version`),
    courseOption: s(details.courseOption, `${p}.learningDetails.courseOption`),
    overallGrade: s(details.overallGrade, `${p}.learningDetails.overallGrade`),
    achievementDate: binder.date(details.achievementDate, `${p}.learningDetails.achievementDate`),
    postalContact: {
      contactName: s(contact.contactName, `${p}.postalContact.contactName`),
      department: s(contact.department, `${p}.postalContact.department`),
      organisation: s(contact.organisation, `${p}.postalContact.organisation`),
      addressLine1: s(contact.addressLine1, `${p}.postalContact.addressLine1`),
      addressLine2: s(contact.addressLine2, `${p}.postalContact.addressLine2`),
      addressLine3: s(contact.addressLine3, `${p}.postalContact.addressLine3`),
      city: s(contact.city, `${p}.postalContact.city`),
      postCode: s(contact.postCode, `${p}.postalContact.postCode`),
    },
    certificateReference: s(item.certificateReference, `${p}.certificateReference`),
  };
}

// ---------------------------------------------------------------- the simulated service

interface Caller {
  key: EsfaSimulatorKey;
  ip: string;
}

class EsfaService {
  readonly standards = new Map<number, SimStandard>();
  readonly learners = new Map<string, SimLearner>();
  readonly certificates = new Map<string, SimCertificate>();
  readonly byReference = new Map<string, SimCertificate>();
  readonly approvals = new Map<string, Map<number, Set<string>>>();
  readonly explicitApprovals: boolean;
  readonly timings: EsfaSimulatorTimings;
  /** Every learner as it was added (what register.json keeps). */
  readonly registerInputs = new Map<string, EsfaRegisterLearner>();
  /** Certificates, the reference counter or the keys changed since the last save. */
  stateChanged = false;
  /** The register changed since the last save. */
  registerChanged = false;
  private nextReference: number;
  private offsetMs = 0;

  constructor(private readonly options: EsfaSimulatorOptions) {
    this.timings = {
      printAfterMs: options.timings?.printAfterMs ?? DEFAULT_TIMINGS.printAfterMs,
      deliverAfterMs: options.timings?.deliverAfterMs ?? DEFAULT_TIMINGS.deliverAfterMs,
    };
    this.nextReference = options.firstCertificateReference ?? 1;
    this.explicitApprovals = !!options.approvals;
    for (const approval of options.approvals ?? []) this.approve(approval.epaoId, approval.standardCode, approval.versions ?? []);
    for (const learner of options.register) this.addLearner(learner);
  }

  // ---- time
  now(): number {
    const base = this.options.clock ? this.options.clock() : Date.now();
    return (typeof base === "number" ? base : base.getTime()) + this.offsetMs;
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
  setTime(at: number) {
    this.offsetMs += at - this.now();
  }

  // ---- register
  private approve(epaoId: string, code: number, versions: string[]) {
    let standards = this.approvals.get(epaoId);
    if (!standards) this.approvals.set(epaoId, (standards = new Map()));
    const set = standards.get(code) ?? new Set<string>();
    for (const v of versions) set.add(v);
    standards.set(code, set);
  }

  addLearner(input: EsfaRegisterLearner) {
    const uln = Number(input.uln);
    if (!Number.isSafeInteger(uln)) throw new Error(`Register: ULN ${String(input.uln)} is not a number`);
    this.registerInputs.set(`${uln}:${input.standardCode}`, { ...input, uln });
    this.registerChanged = true;
    const versions = input.versions?.length ? input.versions : [input.version ?? "1.0"];
    let standard = this.standards.get(input.standardCode);
    if (!standard) {
      standard = {
        code: input.standardCode,
        reference: input.standardReference,
        name: input.standardName ?? input.standardReference,
        level: input.level ?? 0,
        versions: [],
        options: new Map(),
      };
      this.standards.set(input.standardCode, standard);
    }
    for (const v of versions) if (!standard.versions.includes(v)) standard.versions.push(v);
    standard.versions.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    if (input.options) {
      const perVersion = Array.isArray(input.options) ? Object.fromEntries(versions.map((v) => [v, input.options as string[]])) : input.options;
      for (const [v, opts] of Object.entries(perVersion)) if (!standard.options.has(v)) standard.options.set(v, [...opts]);
    }
    this.learners.set(`${uln}:${input.standardCode}`, {
      uln,
      familyName: input.familyName,
      givenNames: input.givenNames ?? null,
      standardCode: input.standardCode,
      version: input.version ?? null,
      epaoId: input.epaoId,
      ukprn: input.ukprn ?? 0,
      providerName: input.providerName ?? null,
      learnerReferenceNumber: input.learnerReferenceNumber ?? null,
      learningStartDate: input.learningStartDate ?? null,
      plannedEndDate: input.plannedEndDate ?? null,
      completionStatus: input.completionStatus ?? 1,
    });
    if (!this.explicitApprovals) this.approve(input.epaoId, input.standardCode, []);
  }

  standardByCode(code: number) {
    return this.standards.get(code) ?? null;
  }
  standardByReference(reference: string | null | undefined) {
    if (blank(reference)) return null;
    for (const s of this.standards.values()) if (same(s.reference, reference!.trim())) return s;
    return null;
  }
  /** A route or body value that may be a LARS code or an IfATE reference. */
  standardByCodeOrReference(value: string) {
    return /^\d+$/.test(value.trim()) ? this.standardByCode(Number(value)) : this.standardByReference(value);
  }
  learner(uln: number, code: number) {
    return this.learners.get(`${uln}:${code}`) ?? null;
  }
  latestVersion(standard: SimStandard) {
    return standard.versions[standard.versions.length - 1] ?? null;
  }
  optionsFor(standard: SimStandard, version: string | null) {
    return (version && standard.options.get(version)) || [];
  }
  approvedVersions(epaoId: string, code: number): string[] | null {
    const set = this.approvals.get(epaoId)?.get(code);
    if (!set) return null;
    return set.size > 0 ? [...set] : (this.standardByCode(code)?.versions ?? []);
  }

  // ---- certificates
  certificate(uln: number, code: number) {
    return this.certificates.get(`${uln}:${code}`) ?? null;
  }

  /** Moves Submitted → Printed → Delivered by the clock. */
  progress(cert: SimCertificate) {
    const now = this.now();
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
    this.stateChanged = true;
    return String(this.nextReference++).padStart(8, "0");
  }

  store(cert: SimCertificate) {
    this.certificates.set(`${cert.uln}:${cert.standardCode}`, cert);
    this.byReference.set(cert.reference, cert);
    this.stateChanged = true;
  }

  /** What state.json keeps (besides the keys, which the server holds). */
  snapshot(): { nextReference: number; certificates: SimCertificate[] } {
    return { nextReference: this.nextReference, certificates: [...this.byReference.values()] };
  }

  /** Certificates from state.json; the counter continues after the highest reference ever issued. */
  restore(saved: { nextReference?: unknown; certificates?: unknown }) {
    const certificates = Array.isArray(saved.certificates) ? (saved.certificates as SimCertificate[]) : [];
    let highest = 0;
    for (const cert of certificates) {
      if (typeof cert?.reference !== "string" || !Number.isSafeInteger(cert.uln) || !Number.isSafeInteger(cert.standardCode)) continue;
      this.certificates.set(`${cert.uln}:${cert.standardCode}`, cert);
      this.byReference.set(cert.reference, cert);
      if (/^\d+$/.test(cert.reference)) highest = Math.max(highest, Number(cert.reference));
    }
    const saidNext = typeof saved.nextReference === "number" && Number.isSafeInteger(saved.nextReference) ? saved.nextReference : 0;
    this.nextReference = Math.max(this.nextReference, saidNext, highest + 1);
  }

  state(cert: SimCertificate): EsfaSimulatorCertificateState {
    this.progress(cert);
    const standard = this.standardByCode(cert.standardCode);
    return {
      certificateReference: cert.reference,
      uln: cert.uln,
      familyName: cert.familyName,
      standardCode: cert.standardCode,
      standardReference: standard?.reference ?? "",
      epaoId: cert.epaoId,
      status: cert.status,
      overallGrade: cert.overallGrade,
      source: cert.source,
      createdAt: iso(cert.createdAt)!,
      submittedAt: iso(cert.submittedAt),
      printedAt: iso(cert.printedAt),
      deliveredAt: iso(cert.deliveredAt),
    };
  }

  /** CertificateHelpers.IsDraftCertificateDeemedAsReady. */
  isReady(cert: SimCertificate, options: string[] | null) {
    const c = cert.postalContact;
    if (cert.status !== "Draft" || !cert.reference || cert.standardCode < 1 || blank(cert.version)) return false;
    if (!c || blank(c.contactName) || blank(c.city) || blank(c.postCode)) return false;
    if (blank(cert.familyName) || cert.uln <= MIN_ULN || cert.uln >= MAX_ULN) return false;
    if (blank(cert.overallGrade) || !cert.achievementDate) return false;
    if (options && options.length > 0 && cert.courseOption == null) return false;
    return true;
  }

  /** The External API's view of a certificate. `view` "get" also applies the options check and the print-process mapping. */
  present(cert: SimCertificate, view: "batch" | "get", redacted = false): EsfaCertificate {
    this.progress(cert);
    const standard = this.standardByCode(cert.standardCode);
    let currentStatus: string = cert.status;
    let delivered: EsfaCertificate["delivered"] = null;
    if (cert.status === "Draft") {
      const options = view === "get" && standard ? this.optionsFor(standard, cert.version) : null;
      if (this.isReady(cert, options)) currentStatus = "Ready";
    } else if (view === "get" && isPrintProcess(cert.status)) {
      if (cert.status === "Printed") delivered = { status: "WaitingForDelivery", deliveryDate: null };
      else if (cert.deliveredAt != null)
        delivered = { status: cert.status === "NotDelivered" ? "NotDelivered" : "Delivered", deliveryDate: iso(cert.deliveredAt) };
      currentStatus = "Submitted";
    }
    const std: EsfaStandard = {
      standardCode: cert.standardCode,
      standardReference: standard?.reference ?? null,
      standardName: standard?.name ?? null,
      level: standard?.level ?? 0,
    };
    const learner = this.learner(cert.uln, cert.standardCode);
    if (redacted) {
      return {
        certificateData: {
          certificateReference: null,
          standard: std,
          learner: { uln: cert.uln, givenNames: cert.givenNames, familyName: cert.familyName },
          learningDetails: null,
          postalContact: null,
        },
        status: { currentStatus },
        created: { createdAt: null, createdBy: null },
        submitted: { submittedAt: null, submittedBy: null },
        printed: { printedAt: null, printedBatch: null },
        delivered,
      };
    }
    return {
      certificateData: {
        certificateReference: cert.reference,
        standard: std,
        learner: { uln: cert.uln, givenNames: cert.givenNames, familyName: cert.familyName },
        learningDetails: {
          version: cert.version,
          courseOption: cert.courseOption,
          overallGrade: cert.overallGrade,
          achievementDate: dotnetDate(cert.achievementDate),
          learningStartDate: dotnetDate(learner?.learningStartDate),
          providerName: learner?.providerName ?? null,
          providerUkPrn: learner?.ukprn ?? 0,
        },
        postalContact: cert.postalContact,
      },
      status: { currentStatus },
      created: { createdAt: iso(cert.createdAt), createdBy: cert.createdBy },
      submitted: { submittedAt: iso(cert.submittedAt), submittedBy: cert.submittedBy },
      printed: { printedAt: iso(cert.printedAt), printedBatch: cert.printedAt == null ? null : Math.floor(cert.printedAt / DAY) - 19_000 },
      delivered,
    };
  }

  epaDetails(cert: SimCertificate): EsfaEpaDetails {
    const latest = [...cert.epas].sort((a, b) => b.epaDate.localeCompare(a.epaDate))[0];
    return {
      epaReference: cert.reference,
      latestEpaDate: dotnetDate(latest?.epaDate),
      latestEpaOutcome: latest?.epaOutcome ?? null,
      epas: cert.epas.map((e) => ({ epaDate: dotnetDate(e.epaDate)!, epaOutcome: e.epaOutcome, version: e.version })),
    };
  }

  // ---- batch validation (BatchCertificateRequestValidator + Create/Update validators)

  private validateCommon(input: CertificateInput, caller: Caller) {
    const errors: string[] = [];
    let mismatch = false;
    const standard = input.standardCode > 0 ? this.standardByCode(input.standardCode) : null;
    const version = blank(input.version) ? null : input.version!.trim();

    if (blank(input.familyName)) errors.push(ESFA_MESSAGES.familyName);

    if (input.standardCode <= 0) errors.push(ESFA_MESSAGES.standard);
    else {
      if (!blank(input.standardReference) && !same(input.standardReference!.trim(), standard?.reference)) {
        mismatch = true;
        errors.push(ESFA_MESSAGES.standardMismatch);
      }
      const knownVersion = standard && version && standard.versions.includes(version) ? version : null;
      if (!mismatch && standard && knownVersion) {
        const options = this.optionsFor(standard, knownVersion);
        if (options.length === 0 && !blank(input.courseOption)) errors.push(ESFA_MESSAGES.noOptions);
        else if (options.length > 0 && !options.some((o) => same(o, input.courseOption)))
          errors.push(ESFA_MESSAGES.invalidOption(options, standard.code, knownVersion));
      }
    }

    if (version && !mismatch && !(standard && standard.versions.includes(version))) {
      mismatch = true;
      errors.push(ESFA_MESSAGES.invalidVersion);
    }

    if (input.uln < MIN_ULN || input.uln > MAX_ULN) errors.push(ESFA_MESSAGES.uln);
    else if (input.standardCode > 0 && !blank(input.familyName)) {
      const learner = this.learner(input.uln, input.standardCode);
      const approved = this.approvedVersions(caller.key.epaoId, input.standardCode);
      if (!learner || !same(learner.familyName, input.familyName!.trim())) errors.push(ESFA_MESSAGES.notFoundForCertificate);
      else if (!approved || approved.length === 0) errors.push(ESFA_MESSAGES.notApproved);
      else if (!mismatch && !approved.some((v) => same(v, version))) errors.push(ESFA_MESSAGES.notApprovedVersion(version ?? ""));
    }

    const c = input.postalContact;
    if (blank(c.contactName)) errors.push(ESFA_MESSAGES.contactName);
    if (blank(c.addressLine1)) errors.push(ESFA_MESSAGES.address);
    if (blank(c.city)) errors.push(ESFA_MESSAGES.city);
    if (blank(c.postCode)) errors.push(ESFA_MESSAGES.postcode);
    else if (!POSTCODE.test(c.postCode!)) errors.push(ESFA_MESSAGES.postcodeInvalid);

    const grade = input.overallGrade;
    if (blank(grade)) errors.push(ESFA_MESSAGES.grade);
    else if (same(grade, "Fail")) errors.push(ESFA_MESSAGES.gradeFail);
    else if (!ESFA_GRADES.some((g) => same(g, grade))) errors.push(ESFA_MESSAGES.gradeInvalid);

    if (!input.achievementDate) errors.push(ESFA_MESSAGES.achievementDate);
    else {
      const at = Date.parse(`${input.achievementDate}T00:00:00Z`);
      if (at < EARLIEST_ACHIEVEMENT) errors.push(ESFA_MESSAGES.achievementDateTooEarly);
      else if (at > this.now()) errors.push(ESFA_MESSAGES.achievementDateFuture);
    }
    return errors;
  }

  /** Fills in the missing half of the standard and the version, as the internal API does before validating. */
  private collate(input: CertificateInput) {
    const standard = input.standardCode > 0 ? this.standardByCode(input.standardCode) : this.standardByReference(input.standardReference);
    if (standard) {
      if (input.standardCode < 1) input.standardCode = standard.code;
      else if (blank(input.standardReference)) input.standardReference = standard.reference;
      if (blank(input.version)) {
        const learner = this.learner(input.uln, standard.code);
        input.version = learner?.version ?? this.latestVersion(standard);
      }
    }
  }

  private fill(cert: SimCertificate, input: CertificateInput) {
    const standard = this.standardByCode(input.standardCode)!;
    const learner = this.learner(input.uln, input.standardCode);
    const version = input.version?.trim() ?? null;
    const options = this.optionsFor(standard, version);
    const grade = ESFA_GRADES.find((g) => same(g, input.overallGrade)) ?? input.overallGrade;
    const c = input.postalContact;
    cert.givenNames = learner?.givenNames ?? cert.givenNames;
    cert.familyName = learner?.familyName ?? input.familyName ?? cert.familyName;
    cert.version = version;
    cert.courseOption = blank(input.courseOption) ? null : (options.find((o) => same(o, input.courseOption)) ?? input.courseOption);
    cert.overallGrade = grade;
    cert.achievementDate = input.achievementDate;
    cert.postalContact = {
      contactName: c.contactName ?? "",
      department: c.department,
      organisation: c.organisation,
      addressLine1: c.addressLine1 ?? "",
      addressLine2: c.addressLine2,
      addressLine3: c.addressLine3,
      city: c.city ?? "",
      postCode: c.postCode ?? "",
    };
    if (input.achievementDate && !cert.epas.some((e) => e.epaDate === input.achievementDate && e.epaOutcome === "pass")) {
      cert.epas.push({ epaDate: input.achievementDate, epaOutcome: "pass", version });
    }
  }

  create(items: unknown[], caller: Caller): EsfaBatchCertificateResponse[] {
    const binder = new Binder();
    const inputs = items.map((raw, i) => bindCertificateItem(binder, raw, i));
    binder.check();
    return inputs.map((input) => {
      this.collate(input);
      const errors = this.validateCommon(input, caller);
      // CreateBatchCertificateRequestValidator
      const existing = input.standardCode > 0 ? this.certificate(input.uln, input.standardCode) : null;
      if (existing && existing.status !== "Deleted") {
        this.progress(existing);
        if (existing.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreatorOfEpa);
        else if (existing.status === "Draft") {
          if (!blank(existing.overallGrade)) errors.push(ESFA_MESSAGES.alreadyExists(existing.reference));
        } else if (!((existing.status === "Submitted" || isPrintProcess(existing.status)) && same(existing.overallGrade, "Fail"))) {
          errors.push(ESFA_MESSAGES.alreadyExists(existing.reference));
        }
      }
      const learner = this.learner(input.uln, input.standardCode);
      if (!learner) errors.push(ESFA_MESSAGES.learnerMissing(input.uln));
      else if (learner.completionStatus === 3 || learner.completionStatus === 6) errors.push(ESFA_MESSAGES.learnerWithdrawn);

      if (errors.length > 0) return { requestId: input.requestId ?? "", certificate: null, validationErrors: errors };

      const now = this.now();
      const cert: SimCertificate = existing ?? {
        reference: this.newReference(),
        uln: input.uln,
        standardCode: input.standardCode,
        epaoId: caller.key.epaoId,
        status: "Draft",
        source: "api",
        givenNames: null,
        familyName: input.familyName!.trim(),
        version: null,
        courseOption: null,
        overallGrade: null,
        achievementDate: null,
        postalContact: null,
        epas: [],
        createdAt: now,
        createdBy: caller.key.user ?? "API",
        submittedAt: null,
        submittedBy: null,
        printedAt: null,
        deliveredAt: null,
        undeliverable: false,
      };
      if (existing) {
        Object.assign(cert, {
          status: "Draft",
          epaoId: caller.key.epaoId,
          source: "api",
          submittedAt: null,
          submittedBy: null,
          printedAt: null,
          deliveredAt: null,
        });
      }
      this.fill(cert, input);
      this.store(cert);
      return { requestId: input.requestId ?? "", certificate: this.present(cert, "batch"), validationErrors: [] };
    });
  }

  update(items: unknown[], caller: Caller): EsfaBatchCertificateResponse[] {
    const binder = new Binder();
    const inputs = items.map((raw, i) => bindCertificateItem(binder, raw, i));
    binder.check();
    return inputs.map((input) => {
      this.collate(input);
      const errors = this.validateCommon(input, caller);
      // UpdateBatchCertificateRequestValidator
      const existing = input.standardCode > 0 ? this.certificate(input.uln, input.standardCode) : null;
      if (blank(input.certificateReference)) errors.push(ESFA_MESSAGES.referenceRequired);
      else if (!existing || !same(existing.reference, input.certificateReference!.trim()) || existing.status === "Deleted")
        errors.push(ESFA_MESSAGES.certificateNotFound);
      else if (existing.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreator);
      else if (this.progress(existing).status === "Draft") {
        const latest = [...existing.epas].sort((a, b) => b.epaDate.localeCompare(a.epaDate))[0];
        if (!same(latest?.epaOutcome, "pass")) errors.push(ESFA_MESSAGES.epaNotPassed);
      } else errors.push(ESFA_MESSAGES.notDraft);

      if (errors.length > 0 || !existing) return { requestId: input.requestId ?? "", certificate: null, validationErrors: errors };
      this.fill(existing, input);
      this.stateChanged = true;
      return { requestId: input.requestId ?? "", certificate: this.present(existing, "batch"), validationErrors: [] };
    });
  }

  submit(items: unknown[], caller: Caller): EsfaBatchCertificateResponse[] {
    const binder = new Binder();
    const inputs = items.map((raw, i) => {
      const p = `[${i}]`;
      const item = binder.object(raw, p);
      return {
        requestId: binder.string(item.requestId, `${p}.requestId`),
        uln: binder.integer(item.uln, `${p}.uln`, 0) ?? 0,
        familyName: binder.string(item.familyName, `${p}.familyName`),
        standardCode: binder.integer(item.standardCode, `${p}.standardCode`, 0) ?? 0,
        standardReference: binder.string(item.standardReference, `${p}.standardReference`),
        certificateReference: binder.string(item.certificateReference, `${p}.certificateReference`),
      };
    });
    binder.check();
    return inputs.map((input) => {
      const collated = input.standardCode > 0 ? this.standardByCode(input.standardCode) : this.standardByReference(input.standardReference);
      if (collated) {
        if (input.standardCode < 1) input.standardCode = collated.code;
        else if (blank(input.standardReference)) input.standardReference = collated.reference;
      }
      const errors: string[] = [];
      if (blank(input.familyName)) errors.push(ESFA_MESSAGES.familyName);
      if (input.standardCode <= 0) errors.push(ESFA_MESSAGES.standard);
      else if (!blank(input.standardReference) && this.standardByReference(input.standardReference)?.code !== input.standardCode) {
        errors.push(ESFA_MESSAGES.standardMismatch);
      }
      if (input.uln < MIN_ULN || input.uln > MAX_ULN) errors.push(ESFA_MESSAGES.uln);
      else if (input.standardCode > 0 && !blank(input.familyName)) {
        const learner = this.learner(input.uln, input.standardCode);
        if (!learner || !same(learner.familyName, input.familyName!.trim())) errors.push(ESFA_MESSAGES.notFound);
        else if (!this.approvedVersions(caller.key.epaoId, input.standardCode)?.length) errors.push(ESFA_MESSAGES.notApproved);
      }
      const existing = input.standardCode > 0 ? this.certificate(input.uln, input.standardCode) : null;
      if (blank(input.certificateReference)) errors.push(ESFA_MESSAGES.referenceRequired);
      else if (!existing || !same(existing.reference, input.certificateReference!.trim()) || existing.status === "Deleted")
        errors.push(ESFA_MESSAGES.certificateNotFound);
      else if (existing.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreator);
      else if (existing.status === "Submitted" || isPrintProcess(this.progress(existing).status)) errors.push(ESFA_MESSAGES.alreadySubmitted);
      else if (existing.status !== "Draft") errors.push(ESFA_MESSAGES.notReady);
      else {
        const c = existing.postalContact;
        if (
          existing.givenNames == null ||
          existing.familyName == null ||
          !c ||
          c.contactName == null ||
          c.organisation == null ||
          c.addressLine1 == null ||
          c.city == null ||
          c.postCode == null ||
          existing.overallGrade == null ||
          existing.achievementDate == null
        ) {
          errors.push(ESFA_MESSAGES.missingData);
        }
      }
      if (errors.length > 0 || !existing) return { requestId: input.requestId ?? "", certificate: null, validationErrors: errors };
      existing.status = "Submitted";
      existing.submittedAt = this.now();
      existing.submittedBy = caller.key.user ?? "API";
      this.stateChanged = true;
      return { requestId: input.requestId ?? "", certificate: this.present(existing, "batch"), validationErrors: [] };
    });
  }

  // ---- single-item operations

  /** GetBatchCertificateRequestValidator + GetBatchCertificateHandler. */
  getCertificate(uln: number, familyName: string, standardParam: string, caller: Caller): Reply {
    const standard = this.standardByCodeOrReference(standardParam);
    const code = standard?.code ?? 0;
    const errors: string[] = [];
    if (blank(familyName)) errors.push(ESFA_MESSAGES.familyName);
    if (code <= 0) errors.push(ESFA_MESSAGES.standard);
    if (uln < MIN_ULN || uln > MAX_ULN) errors.push(ESFA_MESSAGES.uln);
    else if (code > 0 && !blank(familyName)) {
      const cert = this.certificate(uln, code);
      const own = cert && cert.epaoId === caller.key.epaoId && same(cert.familyName, familyName) ? cert : null;
      if (!own) {
        const learner = this.learner(uln, code);
        if (!this.approvedVersions(caller.key.epaoId, code)?.length) errors.push(ESFA_MESSAGES.notApproved);
        if (cert) {
          const latest = [...cert.epas].sort((a, b) => b.epaDate.localeCompare(a.epaDate))[0];
          if (!same(cert.familyName, familyName)) errors.push(ESFA_MESSAGES.apprenticeNotFound);
          else if (!same(latest?.epaOutcome, "pass")) errors.push(ESFA_MESSAGES.certificateNotFoundForApprentice);
        } else if (!learner || !same(learner.familyName, familyName)) errors.push(ESFA_MESSAGES.apprenticeNotFound);
      }
    }
    if (errors.length > 0) return apiError(403, errors.join("; "));

    const cert = this.certificate(uln, code);
    if (!cert) return json(204);
    this.progress(cert);
    if (cert.status === "Deleted") return json(204);
    if ((cert.status === "Submitted" || isPrintProcess(cert.status)) && same(cert.overallGrade, "Fail")) return json(204);
    if (cert.status === "Draft" && cert.overallGrade == null) return json(204);
    if (cert.epaoId !== caller.key.epaoId) {
      return this.approvedVersions(caller.key.epaoId, code)?.length ? json(200, this.present(cert, "get", true)) : json(204);
    }
    return json(200, this.present(cert, "get"));
  }

  /** GetBatchLearnerRequestValidator + LearnerController. */
  getLearner(uln: number, familyName: string, standardParam: string, caller: Caller): Reply {
    const errors: string[] = [];
    const standard = blank(standardParam) ? null : this.standardByCodeOrReference(standardParam);
    if (blank(familyName)) errors.push(ESFA_MESSAGES.familyName);
    if (blank(standardParam)) errors.push(ESFA_MESSAGES.standardRequired);
    else if (!standard) errors.push(ESFA_MESSAGES.standardNotFound);
    if (uln < MIN_ULN || uln > MAX_ULN) errors.push(ESFA_MESSAGES.uln);
    else if (standard && !blank(familyName)) {
      const learner = this.learner(uln, standard.code);
      if (!learner || !same(learner.familyName, familyName)) errors.push(ESFA_MESSAGES.notFound);
      else if (!this.approvedVersions(caller.key.epaoId, standard.code)?.length) errors.push(ESFA_MESSAGES.notApproved);
    }
    if (errors.length > 0) return apiError(403, errors.join("; "));
    const learner = this.learner(uln, standard!.code);
    if (!learner) return json(404);
    const cert = this.certificate(uln, standard!.code);
    const visible = cert && cert.status !== "Deleted" && cert.epaoId === caller.key.epaoId ? cert : null;
    const record: EsfaLearnerRecord = {
      learnerData: {
        standard: {
          standardCode: standard!.code,
          standardReference: standard!.reference,
          standardName: standard!.name,
          level: standard!.level,
          version: learner.version ?? this.latestVersion(standard!),
        },
        learner: { uln: learner.uln, givenNames: learner.givenNames, familyName: learner.familyName },
        learningDetails: {
          learnerReferenceNumber: learner.learnerReferenceNumber,
          learningStartDate: dotnetDate(learner.learningStartDate),
          plannedEndDate: dotnetDate(learner.plannedEndDate),
          providerName: learner.providerName,
          providerUkPrn: learner.ukprn,
        },
      },
      status: { completionStatus: learner.completionStatus },
      epaDetails: visible ? this.epaDetails(visible) : null,
      certificate: visible ? this.present(visible, "get") : null,
    };
    return json(200, record);
  }

  /** DeleteBatchCertificateRequestValidator + handler. */
  deleteCertificate(uln: number, familyName: string, standardParam: string, reference: string, caller: Caller): Reply {
    const standard = this.standardByCodeOrReference(standardParam);
    const code = standard?.code ?? 0;
    const errors: string[] = [];
    if (blank(familyName)) errors.push(ESFA_MESSAGES.familyName);
    if (code <= 0) errors.push(ESFA_MESSAGES.standard);
    if (uln < MIN_ULN || uln > MAX_ULN) errors.push(ESFA_MESSAGES.uln);
    else if (code > 0 && !blank(familyName)) {
      const learner = this.learner(uln, code);
      if (!learner || !same(learner.familyName, familyName)) errors.push(ESFA_MESSAGES.notFound);
      else if (!this.approvedVersions(caller.key.epaoId, code)?.length) errors.push(ESFA_MESSAGES.notApproved);
    }
    const cert = code > 0 ? this.certificate(uln, code) : null;
    if (blank(reference)) errors.push(ESFA_MESSAGES.referenceRequired);
    else if (!cert || !same(cert.reference, reference.trim())) errors.push(ESFA_MESSAGES.certificateNotFound);
    else if (cert.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreator);
    else if (this.progress(cert).status === "Draft") {
      if (blank(cert.overallGrade) && !cert.achievementDate && blank(cert.postalContact?.postCode)) errors.push(ESFA_MESSAGES.certificateNotFoundDot);
    } else if (cert.status !== "Deleted") errors.push(ESFA_MESSAGES.cannotDeleteSubmitted);
    if (errors.length > 0 || !cert) return apiError(403, errors.join("; "));
    cert.status = "Deleted";
    this.stateChanged = true;
    return json(204);
  }

  optionsList(): EsfaStandardOptions[] {
    const list: EsfaStandardOptions[] = [];
    for (const s of [...this.standards.values()].sort((a, b) => a.code - b.code)) {
      for (const v of s.versions) {
        const options = this.optionsFor(s, v);
        if (options.length > 0) list.push({ standardCode: s.code, standardReference: s.reference, version: v, courseOption: options });
      }
    }
    return list;
  }

  standardOptions(standardParam: string, version: string | null): Reply {
    const standard = this.standardByCodeOrReference(standardParam);
    if (!standard || (version != null && !standard.versions.includes(version))) return json(404);
    const v = version ?? this.latestVersion(standard);
    const options = this.optionsFor(standard, v);
    if (options.length === 0) return json(204);
    return json(200, { standardCode: standard.code, standardReference: standard.reference, version: v, courseOption: options } satisfies EsfaStandardOptions);
  }

  claimManually(claim: EsfaManualClaim): SimCertificate {
    const uln = Number(claim.uln);
    const standard = claim.standardCode ? this.standardByCode(claim.standardCode) : this.standardByReference(claim.standardReference);
    if (!standard) throw new Error(`Manual claim: standard ${claim.standardCode ?? claim.standardReference} is not in the register`);
    const learner = this.learner(uln, standard.code);
    const epaoId = claim.epaoId ?? learner?.epaoId;
    if (!epaoId) throw new Error(`Manual claim: give an epaoId, ULN ${uln} is not in the register for ${standard.reference}`);
    const existing = this.certificate(uln, standard.code);
    if (existing && existing.status !== "Deleted") throw new Error(`Manual claim: certificate ${existing.reference} already exists for ULN ${uln}`);
    const now = this.now();
    const achievementDate = claim.achievementDate ?? isoDate(now);
    const version = claim.version ?? learner?.version ?? this.latestVersion(standard);
    const grade = ESFA_GRADES.find((g) => same(g, claim.grade)) ?? (same(claim.grade, "Fail") ? "Fail" : claim.grade);
    const user = claim.user ?? "EPAO user (ESFA website)";
    const cert: SimCertificate = {
      reference: existing?.reference ?? this.newReference(),
      uln,
      standardCode: standard.code,
      epaoId,
      status: claim.status ?? "Submitted",
      source: "manual",
      givenNames: learner?.givenNames ?? null,
      familyName: learner?.familyName ?? claim.familyName,
      version,
      courseOption: claim.courseOption ?? null,
      overallGrade: grade,
      achievementDate,
      postalContact: {
        contactName: "Contact",
        department: null,
        organisation: "Employer",
        addressLine1: "1 High Street",
        addressLine2: null,
        addressLine3: null,
        city: "Coventry",
        postCode: "CV1 2WT",
        ...claim.postalContact,
      },
      epas: [{ epaDate: achievementDate, epaOutcome: same(grade, "Fail") ? "fail" : "pass", version }],
      createdAt: now,
      createdBy: user,
      submittedAt: (claim.status ?? "Submitted") === "Submitted" ? now : null,
      submittedBy: (claim.status ?? "Submitted") === "Submitted" ? user : null,
      printedAt: null,
      deliveredAt: null,
      undeliverable: false,
    };
    this.store(cert);
    return cert;
  }
}

// ---------------------------------------------------------------- gateway + HTTP server

interface RouteMatch {
  endpoint: string;
  params: string[];
}

function matchRoute(method: string, path: string): RouteMatch | null {
  const segments = path.split("/").filter((s) => s !== "");
  const lower = segments.map((s) => s.toLowerCase());
  const rest = (from: number) => segments.slice(from).join("/");
  if (method === "GET" && lower.length === 1 && lower[0] === "ping") return { endpoint: ESFA_ENDPOINTS.ping, params: [] };
  if (lower[0] !== "api" || lower[1] !== "v1") return null;
  const area = lower[2];
  const n = segments.length;
  if (area === "learner" && method === "GET" && n >= 6) return { endpoint: ESFA_ENDPOINTS.getLearner, params: [segments[3]!, segments[4]!, rest(5)] };
  if (area === "certificate") {
    if (n === 3 && method === "POST") return { endpoint: ESFA_ENDPOINTS.createCertificates, params: [] };
    if (n === 3 && method === "PUT") return { endpoint: ESFA_ENDPOINTS.updateCertificates, params: [] };
    if (n === 4 && method === "POST" && lower[3] === "submit") return { endpoint: ESFA_ENDPOINTS.submitCertificates, params: [] };
    if (n === 4 && method === "GET" && lower[3] === "grades") return { endpoint: ESFA_ENDPOINTS.grades, params: [] };
    if (n >= 6 && method === "GET") return { endpoint: ESFA_ENDPOINTS.getCertificate, params: [segments[3]!, segments[4]!, rest(5)] };
    if (n >= 7 && method === "DELETE") return { endpoint: ESFA_ENDPOINTS.deleteCertificate, params: [segments[3]!, segments[4]!, segments[5]!, rest(6)] };
  }
  if (area === "standards" && lower[3] === "options" && method === "GET") {
    if (n === 4) return { endpoint: ESFA_ENDPOINTS.options, params: [] };
    if (n === 5) return { endpoint: ESFA_ENDPOINTS.optionsForStandard, params: [segments[4]!] };
    if (n === 6) return { endpoint: ESFA_ENDPOINTS.optionsForVersion, params: [segments[4]!, segments[5]!] };
  }
  return null;
}

interface ActiveFault {
  type: "status" | "hang" | "throttle";
  remaining: number;
  endpoint?: string;
  status?: number;
  message?: string;
  retryAfterSeconds?: number;
  ms?: number;
  until?: number;
}

const STATUS_MESSAGES: Record<number, string> = {
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

function normaliseKeys(keys: EsfaSimulatorOptions["keys"]): EsfaSimulatorKey[] {
  if (!keys) return [];
  if (Array.isArray(keys)) return keys.map((k) => ({ ...k }));
  return Object.entries(keys).map(([key, epaoId]) => ({ key, epaoId }));
}

/**
 * Sandbox-style learners: ULN `1` + the EPAO's 4 digits + the 3-digit LARS code + `00`–`09`, family name equal
 * to the ULN, as the ESFA sandbox documents them.
 */
export function sandboxLearners(
  epaoId: string,
  standards: { standardCode: number; standardReference: string; standardName?: string; level?: number; versions?: string[]; options?: string[] }[],
): EsfaRegisterLearner[] {
  const epao = epaoId.replace(/\D/g, "").padStart(4, "0").slice(-4);
  return standards.flatMap((s) =>
    Array.from({ length: 10 }, (_, i) => {
      const uln = `1${epao}${String(s.standardCode).padStart(3, "0").slice(-3)}${String(i).padStart(2, "0")}`;
      return {
        uln: Number(uln),
        familyName: uln,
        givenNames: "Sandbox",
        standardCode: s.standardCode,
        standardReference: s.standardReference,
        standardName: s.standardName,
        level: s.level,
        versions: s.versions,
        options: s.options,
        epaoId,
        ukprn: 10000001,
        providerName: "Sandbox Training Ltd",
        learningStartDate: "2023-09-01",
      } satisfies EsfaRegisterLearner;
    }),
  );
}

export async function startEsfaSimulator(options: EsfaSimulatorOptions): Promise<EsfaSimulator> {
  const service = new EsfaService(options);
  const keys = new Map(normaliseKeys(options.keys).map((k) => [k.key, k]));

  // ---- what is kept across restarts (options.stateDir)
  const store = options.stateDir ? openStateStore(options.stateDir) : null;
  let registerTimer: NodeJS.Timeout | null = null;
  /** Writes what changed: the register first, so a saved certificate's learner is never missing from it. */
  const persist = () => {
    if (!store) return;
    if (registerTimer) clearTimeout(registerTimer);
    registerTimer = null;
    if (service.registerChanged) {
      service.registerChanged = false;
      store.writeRegister([...service.registerInputs.values()]);
    }
    if (service.stateChanged) {
      service.stateChanged = false;
      store.writeState({ ...service.snapshot(), keys: [...keys.values()] });
    }
  };
  /** Register additions come in bursts (the embedded simulator's sync): written shortly after, or with the next change. */
  let closed = false;
  const persistSoon = () => {
    if (!store || registerTimer || closed) return;
    registerTimer = setTimeout(() => {
      registerTimer = null;
      try {
        persist();
      } catch (error) {
        console.error("[esfa-sim] could not save the register:", error instanceof Error ? error.message : error);
      }
    }, 250);
    registerTimer.unref();
  };
  if (store) {
    const saved = store.load();
    // Saved learners and keys win over the ones given: the ILR and a key's expiry survive a restart.
    for (const learner of saved.register) service.addLearner(learner);
    if (saved.state) {
      service.restore(saved.state);
      for (const key of saved.state.keys) keys.set(key.key, { ...key });
    }
    service.registerChanged = true;
    service.stateChanged = true;
    persist();
  }
  const rate = options.rateLimit === false ? null : { ...ESFA_RATE_LIMIT, by: "ip" as const, ...options.rateLimit };
  const maxBody = options.maxBodyBytes ?? ESFA_MAX_BODY_BYTES;
  const windows = new Map<string, number[]>();
  let faults: ActiveFault[] = [];
  let delayMs = 0;
  let counters: EsfaSimulatorCounters = { total: 0, byEndpoint: {}, byStatus: {} };
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function takeFault(endpoint: string): ActiveFault | null {
    const now = service.now();
    for (const fault of faults) {
      if (fault.endpoint && fault.endpoint !== endpoint) continue;
      if (fault.type === "throttle" && fault.until != null && now < fault.until) return fault;
      if (fault.remaining > 0) {
        fault.remaining--;
        return fault;
      }
    }
    faults = faults.filter((f) => f.remaining > 0 || (f.until != null && now < f.until));
    return null;
  }

  function rateLimited(id: string): number | null {
    if (!rate) return null;
    const now = service.now();
    const window = (windows.get(id) ?? []).filter((t) => t > now - rate.periodMs);
    windows.set(id, window);
    if (window.length >= rate.calls) return Math.max(1, Math.ceil((window[0]! + rate.periodMs - now) / 1000));
    window.push(now);
    return null;
  }

  function send(res: http.ServerResponse, reply: Reply, counted = true) {
    if (counted) counters.byStatus[reply.status] = (counters.byStatus[reply.status] ?? 0) + 1;
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

  function batch(body: Buffer, run: (items: unknown[]) => EsfaBatchCertificateResponse[]): Reply {
    let items: unknown;
    try {
      items = body.length ? JSON.parse(body.toString("utf8")) : null;
    } catch (error) {
      return bindingProblem({ "": [`Invalid JSON: ${(error as Error).message}`] });
    }
    if (!Array.isArray(items)) return bindingProblem({ "": ["A non-empty request body is required and must be a JSON array."] });
    if (items.length > ESFA_MAX_BATCH) return apiError(403, ESFA_MESSAGES.batchLimit);
    try {
      return json(200, run(items));
    } catch (error) {
      if (error instanceof BindingError) return bindingProblem(error.errors);
      throw error;
    }
  }

  function parseUln(value: string): number | null {
    return /^\d{1,19}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
  }

  function api(route: RouteMatch, body: Buffer, caller: Caller): Reply {
    const decode = (s: string) => decodeURIComponent(s);
    const p = route.params.map(decode);
    switch (route.endpoint) {
      case ESFA_ENDPOINTS.ping:
        return json(200, "Pong");
      case ESFA_ENDPOINTS.grades:
        return json(200, [...ESFA_GRADES]);
      case ESFA_ENDPOINTS.createCertificates:
        return batch(body, (items) => service.create(items, caller));
      case ESFA_ENDPOINTS.updateCertificates:
        return batch(body, (items) => service.update(items, caller));
      case ESFA_ENDPOINTS.submitCertificates:
        return batch(body, (items) => service.submit(items, caller));
      case ESFA_ENDPOINTS.getCertificate:
      case ESFA_ENDPOINTS.getLearner:
      case ESFA_ENDPOINTS.deleteCertificate: {
        const uln = parseUln(p[0]!);
        if (uln == null) return bindingProblem({ uln: [`The value '${p[0]}' is not valid.`] });
        if (route.endpoint === ESFA_ENDPOINTS.getCertificate) return service.getCertificate(uln, p[1]!, p[2]!, caller);
        if (route.endpoint === ESFA_ENDPOINTS.getLearner) return service.getLearner(uln, p[1]!, p[2]!, caller);
        return service.deleteCertificate(uln, p[1]!, p[2]!, p[3]!, caller);
      }
      case ESFA_ENDPOINTS.options:
        return json(200, service.optionsList());
      case ESFA_ENDPOINTS.optionsForStandard:
        return service.standardOptions(p[0]!, null);
      case ESFA_ENDPOINTS.optionsForVersion:
        return service.standardOptions(p[0]!, p[1]!);
      default:
        return apiError(404, APIM_MESSAGES.notFound);
    }
  }

  const control: EsfaSimulatorControl = {
    failNext(count, status = 500, opts = {}) {
      faults.push({ type: "status", remaining: count, status, endpoint: opts.endpoint, retryAfterSeconds: opts.retryAfterSeconds, message: opts.message });
    },
    hangNext(count, opts = {}) {
      faults.push({ type: "hang", remaining: count, ms: opts.ms, endpoint: opts.endpoint });
    },
    setDelay(ms) {
      delayMs = Math.max(0, ms);
    },
    throttle(opts) {
      faults.push({
        type: "throttle",
        remaining: opts.count ?? 0,
        until: opts.forMs != null ? service.now() + opts.forMs : undefined,
        retryAfterSeconds: opts.retryAfterSeconds ?? (opts.forMs != null ? Math.max(1, Math.ceil(opts.forMs / 1000)) : 1),
      });
    },
    inject(fault) {
      if (fault.type === "status") control.failNext(fault.count ?? 1, fault.status, fault);
      else if (fault.type === "hang") control.hangNext(fault.count ?? 1, fault);
      else if (fault.type === "delay") control.setDelay(fault.ms);
      else control.throttle(fault);
    },
    clearFaults() {
      faults = [];
      delayMs = 0;
    },
    counters: () => structuredClone(counters),
    resetCounters() {
      counters = { total: 0, byEndpoint: {}, byStatus: {} };
    },
    claimManually(claim) {
      const state = service.state(service.claimManually(claim));
      persist();
      return state;
    },
    certificates: () => [...service.byReference.values()].map((c) => service.state(c)),
    certificate(reference) {
      const cert = service.byReference.get(reference);
      return cert ? service.state(cert) : null;
    },
    setCertificateStatus(reference, status) {
      const cert = service.byReference.get(reference);
      if (!cert) throw new Error(`No certificate ${reference}`);
      service.progress(cert);
      const now = service.now();
      if (status === "NotDelivered" || status === "Delivered") {
        cert.printedAt ??= now;
        cert.deliveredAt = now;
        cert.undeliverable = status === "NotDelivered";
      }
      if (status === "Printed") cert.printedAt = now;
      if (status === "Submitted") cert.submittedAt ??= now;
      cert.status = status;
      service.stateChanged = true;
      persist();
    },
    addLearner(learner) {
      service.addLearner(learner);
      persistSoon();
    },
    addKey(key) {
      keys.set(key.key, { ...key });
      service.stateChanged = true;
      persist();
    },
    expireKey(key) {
      const k = keys.get(key);
      if (!k) throw new Error("Unknown key");
      k.expired = true;
      service.stateChanged = true;
      persist();
    },
    advanceTime: (ms) => service.advance(ms),
    setTime: (at) => service.setTime(typeof at === "number" ? at : new Date(at).getTime()),
    now: () => new Date(service.now()),
    reset() {
      control.clearFaults();
      control.resetCounters();
      windows.clear();
    },
  };

  async function controlRequest(method: string, path: string, body: Buffer): Promise<Reply> {
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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const method = (req.method ?? "GET").toUpperCase();
    const path = (req.url ?? "/").split("?")[0]!;
    const body = await readBody(req);

    if (path.toLowerCase().startsWith("/__control")) {
      if (options.httpControl === false) return send(res, apiError(404, APIM_MESSAGES.notFound), false);
      return send(res, await controlRequest(method, path, body), false);
    }

    const route = matchRoute(method, path);
    const endpoint = route?.endpoint ?? "other";
    counters.total++;
    counters.byEndpoint[endpoint] = (counters.byEndpoint[endpoint] ?? 0) + 1;

    const fault = takeFault(endpoint);
    if (fault?.type === "hang") {
      if (fault.ms == null) return; // never answer; close() drops the connection
      await wait(fault.ms);
    } else if (fault?.type === "status") {
      const headers = fault.retryAfterSeconds != null ? { "Retry-After": String(fault.retryAfterSeconds) } : undefined;
      return send(res, apiError(fault.status!, fault.message ?? STATUS_MESSAGES[fault.status!] ?? "Error", headers));
    } else if (fault?.type === "throttle") {
      const seconds = fault.retryAfterSeconds ?? 1;
      return send(res, apiError(429, APIM_MESSAGES.rateLimit(seconds), { "Retry-After": String(seconds) }));
    }
    if (delayMs > 0) await wait(delayMs);

    const presented = req.headers[ESFA_KEY_HEADER.toLowerCase()];
    const keyValue = Array.isArray(presented) ? presented[0] : presented;
    if (!keyValue) return send(res, apiError(401, APIM_MESSAGES.missingKey));
    const key = keys.get(keyValue);
    if (!key) return send(res, apiError(401, APIM_MESSAGES.invalidKey));
    if (key.expired) return send(res, apiError(403, APIM_MESSAGES.expiredKey));
    const caller: Caller = { key, ip: req.socket.remoteAddress ?? "unknown" };

    const retryAfter = rateLimited(rate?.by === "key" ? `key:${key.key}` : `ip:${caller.ip}`);
    if (retryAfter != null) return send(res, apiError(429, APIM_MESSAGES.rateLimit(retryAfter), { "Retry-After": String(retryAfter) }));

    const size = Number(req.headers["content-length"] ?? body.length);
    if (size > maxBody) return send(res, apiError(400, APIM_MESSAGES.bodyTooLarge(size, maxBody)));

    if (!route) return send(res, apiError(404, APIM_MESSAGES.notFound));
    try {
      const reply = api(route, body, caller);
      // Saved before ESFA answers: a certificate (and its reference) the caller was told about is never forgotten.
      persist();
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
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      persist();
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
