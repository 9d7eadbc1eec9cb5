/**
 * The learner register: the ILR records the simulator knows (one per learner and standard), the standards they
 * bring with them (versions, course options) and which EPAO may assess which standard. Also the sandbox learners
 * ESFA documents for its sandbox.
 */
import type { EsfaRegisterLearner, EsfaSimulatorOptions } from "./types";
import { blank, same } from "./values";
import type { EsfaStandardOptions } from "./wire";

export interface SimStandard {
  code: number;
  reference: string;
  name: string;
  level: number;
  versions: string[];
  options: Map<string, string[]>;
}

export interface SimLearner {
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

export class Register {
  private readonly standards = new Map<number, SimStandard>();
  private readonly learners = new Map<string, SimLearner>();
  private readonly approvals = new Map<string, Map<number, Set<string>>>();
  private readonly explicitApprovals: boolean;
  /** Every learner as it was added (what register.json keeps). */
  private readonly inputs = new Map<string, EsfaRegisterLearner>();
  /** The register changed since the last save. */
  changed = false;

  constructor(approvals: EsfaSimulatorOptions["approvals"], learners: EsfaRegisterLearner[]) {
    this.explicitApprovals = !!approvals;
    for (const approval of approvals ?? []) this.approve(approval.epaoId, approval.standardCode, approval.versions ?? []);
    for (const learner of learners) this.addLearner(learner);
  }

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
    this.inputs.set(`${uln}:${input.standardCode}`, { ...input, uln });
    this.changed = true;
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

  /** Every learner as it was added, for register.json. */
  entries(): EsfaRegisterLearner[] {
    return [...this.inputs.values()];
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

  /** Every standard version that has course options, by LARS code. */
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
