/** A certificate claimed by hand on the ESFA website (control.claimManually): outside the API's validation. */
import type { Service } from "./service";
import type { EsfaManualClaim, SimCertificate } from "./types";
import { isoDate, same } from "./values";
import { ESFA_GRADES } from "./wire";

export function claimManually(service: Service, claim: EsfaManualClaim): SimCertificate {
  const { register, certificates } = service;
  const uln = Number(claim.uln);
  const standard = claim.standardCode ? register.standardByCode(claim.standardCode) : register.standardByReference(claim.standardReference);
  if (!standard) throw new Error(`Manual claim: standard ${claim.standardCode ?? claim.standardReference} is not in the register`);
  const learner = register.learner(uln, standard.code);
  const epaoId = claim.epaoId ?? learner?.epaoId;
  if (!epaoId) throw new Error(`Manual claim: give an epaoId, ULN ${uln} is not in the register for ${standard.reference}`);
  const existing = certificates.certificate(uln, standard.code);
  if (existing && existing.status !== "Deleted") throw new Error(`Manual claim: certificate ${existing.reference} already exists for ULN ${uln}`);
  const now = service.clock.now();
  const achievementDate = claim.achievementDate ?? isoDate(now);
  const version = claim.version ?? learner?.version ?? register.latestVersion(standard);
  const grade = ESFA_GRADES.find((g) => same(g, claim.grade)) ?? (same(claim.grade, "Fail") ? "Fail" : claim.grade);
  const user = claim.user ?? "EPAO user (ESFA website)";
  const cert: SimCertificate = {
    reference: existing?.reference ?? certificates.newReference(),
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
  certificates.store(cert);
  return cert;
}
