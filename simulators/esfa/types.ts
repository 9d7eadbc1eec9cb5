/** The simulator's data shapes, shared by the server (server.ts) and its state files (state.ts). */

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
