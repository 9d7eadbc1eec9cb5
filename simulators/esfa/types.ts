/**
 * The simulator's data shapes: what its users give it (options, register learners, keys) and get back (control,
 * certificate states, counters), and the certificate record it holds and keeps in state.json.
 */
import type { EsfaPostalContact } from "./wire";

// ---------------------------------------------------------------- register and keys

/** One learner (ILR record) in the simulator's register, for one standard. */
export interface EsfaRegisterLearner {
  uln: number | string;
  familyName: string;
  givenNames?: string;
  /** LARS code. */
  standardCode: number;
  /** IfATE reference, e.g. ST0145. */
  standardReference: string;
  standardName?: string;
  level?: number;
  /** The learner's version of the standard (chosen when a request leaves `version` blank). Default: the latest. */
  version?: string;
  /** Versions the standard has. Default: [version ?? "1.0"]. */
  versions?: string[];
  /** Course options of the standard: one list for every version, or per version. */
  options?: string[] | Record<string, string[]>;
  /** The EPAO the learner is with; that EPAO is approved for the standard unless `approvals` says otherwise. */
  epaoId: string;
  /** Training provider's UKPRN. */
  ukprn?: number;
  providerName?: string;
  learnerReferenceNumber?: string;
  learningStartDate?: string;
  plannedEndDate?: string;
  /** ILR completion status: 1 continuing (default), 2 completed, 3 withdrawn, 6 temporarily withdrawn. */
  completionStatus?: number;
}

/** A subscription key, bound to one EPAO. */
export interface EsfaSimulatorKey {
  key: string;
  epaoId: string;
  /** An expired/disabled key answers 403. */
  expired?: boolean;
  /** Shown as createdBy/submittedBy. Default "API". */
  user?: string;
}

// ---------------------------------------------------------------- options, control, answers

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

// ---------------------------------------------------------------- internal (not exported by index.ts)

/** A certificate as the simulator holds it; state.json keeps these as they are. */
export interface SimCertificate {
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

/** Whom APIM let through: the subscription key (and so its EPAO) and the caller's IP. */
export interface Caller {
  key: EsfaSimulatorKey;
  ip: string;
}
