/**
 * Request validation, rule for rule as the External API's FluentValidation validators run it
 * (Application.Api/Validators/ExternalApi/** in das-assessor-service): each validator answers the messages of every
 * rule that failed, in the validator's order. The handlers (handlers.ts) act only on a request none failed.
 */
import type { CertificateInput, SubmitInput } from "./binding";
import { isPrintProcess, latestEpa } from "./certificates";
import { ESFA_MESSAGES } from "./messages";
import type { Register, SimStandard } from "./register";
import type { Service } from "./service";
import type { Caller, SimCertificate } from "./types";
import { blank, same } from "./values";
import { ESFA_GRADES } from "./wire";

export const MIN_ULN = 1_000_000_000;
export const MAX_ULN = 9_999_999_999;
const EARLIEST_ACHIEVEMENT = Date.UTC(2017, 0, 1);
/** UK postcode shapes A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA and GIR 0AA. */
const POSTCODE = /^(?:GIR *0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) *[0-9][ABD-HJLNP-UW-Z]{2})$/i;

/** "ULN should contain exactly 10 numbers". */
const ulnOutOfRange = (uln: number) => uln < MIN_ULN || uln > MAX_ULN;

/** The learner is in the register under this family name, and the caller's EPAO may assess the standard. */
function registeredAndApproved(service: Service, uln: number, code: number, familyName: string, caller: Caller): string | null {
  const learner = service.register.learner(uln, code);
  if (!learner || !same(learner.familyName, familyName)) return ESFA_MESSAGES.notFound;
  if (!service.register.approvedVersions(caller.key.epaoId, code)?.length) return ESFA_MESSAGES.notApproved;
  return null;
}

// ---------------------------------------------------------------- collation (before validating)

/** Fills in the missing half of the standard (its code or its reference), as the internal API does before validating. */
export function collateStandard(register: Register, input: { standardCode: number; standardReference: string | null }): SimStandard | null {
  const standard = input.standardCode > 0 ? register.standardByCode(input.standardCode) : register.standardByReference(input.standardReference);
  if (standard) {
    if (input.standardCode < 1) input.standardCode = standard.code;
    else if (blank(input.standardReference)) input.standardReference = standard.reference;
  }
  return standard;
}

/** The standard as collateStandard fills it in, and a blank version as the learner's (else the latest). */
export function collate(register: Register, input: CertificateInput) {
  const standard = collateStandard(register, input);
  if (standard && blank(input.version)) {
    const learner = register.learner(input.uln, standard.code);
    input.version = learner?.version ?? register.latestVersion(standard);
  }
}

// ---------------------------------------------------------------- create and update (BatchCertificateRequestValidator)

/** The rules create and update share: standard, version, options, learner, approval, postal contact, grade, date. */
function validateCertificate(service: Service, input: CertificateInput, caller: Caller) {
  const { register } = service;
  const errors: string[] = [];
  let mismatch = false;
  const standard = input.standardCode > 0 ? register.standardByCode(input.standardCode) : null;
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
      const options = register.optionsFor(standard, knownVersion);
      if (options.length === 0 && !blank(input.courseOption)) errors.push(ESFA_MESSAGES.noOptions);
      else if (options.length > 0 && !options.some((o) => same(o, input.courseOption)))
        errors.push(ESFA_MESSAGES.invalidOption(options, standard.code, knownVersion));
    }
  }

  if (version && !mismatch && !(standard && standard.versions.includes(version))) {
    mismatch = true;
    errors.push(ESFA_MESSAGES.invalidVersion);
  }

  if (ulnOutOfRange(input.uln)) errors.push(ESFA_MESSAGES.uln);
  else if (input.standardCode > 0 && !blank(input.familyName)) {
    const learner = register.learner(input.uln, input.standardCode);
    const approved = register.approvedVersions(caller.key.epaoId, input.standardCode);
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
    else if (at > service.clock.now()) errors.push(ESFA_MESSAGES.achievementDateFuture);
  }
  return errors;
}

/** CreateBatchCertificateRequestValidator. `existing`: the learner's certificate for the standard, if any. */
export function validateCreate(service: Service, input: CertificateInput, caller: Caller, existing: SimCertificate | null): string[] {
  const errors = validateCertificate(service, input, caller);
  if (existing && existing.status !== "Deleted") {
    service.certificates.progress(existing);
    if (existing.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreatorOfEpa);
    else if (existing.status === "Draft") {
      if (!blank(existing.overallGrade)) errors.push(ESFA_MESSAGES.alreadyExists(existing.reference));
    } else if (!((existing.status === "Submitted" || isPrintProcess(existing.status)) && same(existing.overallGrade, "Fail"))) {
      errors.push(ESFA_MESSAGES.alreadyExists(existing.reference));
    }
  }
  const learner = service.register.learner(input.uln, input.standardCode);
  if (!learner) errors.push(ESFA_MESSAGES.learnerMissing(input.uln));
  else if (learner.completionStatus === 3 || learner.completionStatus === 6) errors.push(ESFA_MESSAGES.learnerWithdrawn);
  return errors;
}

/** UpdateBatchCertificateRequestValidator. */
export function validateUpdate(service: Service, input: CertificateInput, caller: Caller, existing: SimCertificate | null): string[] {
  const errors = validateCertificate(service, input, caller);
  if (blank(input.certificateReference)) errors.push(ESFA_MESSAGES.referenceRequired);
  else if (!existing || !same(existing.reference, input.certificateReference!.trim()) || existing.status === "Deleted")
    errors.push(ESFA_MESSAGES.certificateNotFound);
  else if (existing.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreator);
  else if (service.certificates.progress(existing).status === "Draft") {
    if (!same(latestEpa(existing)?.epaOutcome, "pass")) errors.push(ESFA_MESSAGES.epaNotPassed);
  } else errors.push(ESFA_MESSAGES.notDraft);
  return errors;
}

// ---------------------------------------------------------------- submit

/** SubmitBatchCertificateRequestValidator (after collateStandard). */
export function validateSubmit(service: Service, input: SubmitInput, caller: Caller, existing: SimCertificate | null): string[] {
  const errors: string[] = [];
  if (blank(input.familyName)) errors.push(ESFA_MESSAGES.familyName);
  if (input.standardCode <= 0) errors.push(ESFA_MESSAGES.standard);
  else if (!blank(input.standardReference) && service.register.standardByReference(input.standardReference)?.code !== input.standardCode) {
    errors.push(ESFA_MESSAGES.standardMismatch);
  }
  if (ulnOutOfRange(input.uln)) errors.push(ESFA_MESSAGES.uln);
  else if (input.standardCode > 0 && !blank(input.familyName)) {
    const refused = registeredAndApproved(service, input.uln, input.standardCode, input.familyName!.trim(), caller);
    if (refused) errors.push(refused);
  }
  if (blank(input.certificateReference)) errors.push(ESFA_MESSAGES.referenceRequired);
  else if (!existing || !same(existing.reference, input.certificateReference!.trim()) || existing.status === "Deleted")
    errors.push(ESFA_MESSAGES.certificateNotFound);
  else if (existing.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreator);
  else if (existing.status === "Submitted" || isPrintProcess(service.certificates.progress(existing).status)) errors.push(ESFA_MESSAGES.alreadySubmitted);
  else if (existing.status !== "Draft") errors.push(ESFA_MESSAGES.notReady);
  else if (missesMandatoryData(existing)) errors.push(ESFA_MESSAGES.missingData);
  return errors;
}

/** What a Draft must hold before it can be submitted. */
function missesMandatoryData(cert: SimCertificate) {
  const c = cert.postalContact;
  return (
    cert.givenNames == null ||
    cert.familyName == null ||
    !c ||
    c.contactName == null ||
    c.organisation == null ||
    c.addressLine1 == null ||
    c.city == null ||
    c.postCode == null ||
    cert.overallGrade == null ||
    cert.achievementDate == null
  );
}

// ---------------------------------------------------------------- single-item operations

/** GetBatchCertificateRequestValidator. `code`: the route's standard (0 when unknown); `cert`: the learner's certificate. */
export function validateGetCertificate(
  service: Service,
  request: { uln: number; familyName: string; code: number },
  cert: SimCertificate | null,
  caller: Caller,
): string[] {
  const { uln, familyName, code } = request;
  const errors: string[] = [];
  if (blank(familyName)) errors.push(ESFA_MESSAGES.familyName);
  if (code <= 0) errors.push(ESFA_MESSAGES.standard);
  if (ulnOutOfRange(uln)) errors.push(ESFA_MESSAGES.uln);
  else if (code > 0 && !blank(familyName)) {
    const own = cert && cert.epaoId === caller.key.epaoId && same(cert.familyName, familyName) ? cert : null;
    if (!own) {
      const learner = service.register.learner(uln, code);
      if (!service.register.approvedVersions(caller.key.epaoId, code)?.length) errors.push(ESFA_MESSAGES.notApproved);
      if (cert) {
        if (!same(cert.familyName, familyName)) errors.push(ESFA_MESSAGES.apprenticeNotFound);
        else if (!same(latestEpa(cert)?.epaOutcome, "pass")) errors.push(ESFA_MESSAGES.certificateNotFoundForApprentice);
      } else if (!learner || !same(learner.familyName, familyName)) errors.push(ESFA_MESSAGES.apprenticeNotFound);
    }
  }
  return errors;
}

/** GetBatchLearnerRequestValidator. `standard`: the route's standard as found (null when blank or unknown). */
export function validateGetLearner(
  service: Service,
  request: { uln: number; familyName: string; standardParam: string },
  standard: SimStandard | null,
  caller: Caller,
): string[] {
  const { uln, familyName, standardParam } = request;
  const errors: string[] = [];
  if (blank(familyName)) errors.push(ESFA_MESSAGES.familyName);
  if (blank(standardParam)) errors.push(ESFA_MESSAGES.standardRequired);
  else if (!standard) errors.push(ESFA_MESSAGES.standardNotFound);
  if (ulnOutOfRange(uln)) errors.push(ESFA_MESSAGES.uln);
  else if (standard && !blank(familyName)) {
    const refused = registeredAndApproved(service, uln, standard.code, familyName, caller);
    if (refused) errors.push(refused);
  }
  return errors;
}

/** DeleteBatchCertificateRequestValidator. Only a Draft (or an already deleted certificate) can be deleted. */
export function validateDelete(
  service: Service,
  request: { uln: number; familyName: string; code: number; reference: string },
  cert: SimCertificate | null,
  caller: Caller,
): string[] {
  const { uln, familyName, code, reference } = request;
  const errors: string[] = [];
  if (blank(familyName)) errors.push(ESFA_MESSAGES.familyName);
  if (code <= 0) errors.push(ESFA_MESSAGES.standard);
  if (ulnOutOfRange(uln)) errors.push(ESFA_MESSAGES.uln);
  else if (code > 0 && !blank(familyName)) {
    const refused = registeredAndApproved(service, uln, code, familyName, caller);
    if (refused) errors.push(refused);
  }
  if (blank(reference)) errors.push(ESFA_MESSAGES.referenceRequired);
  else if (!cert || !same(cert.reference, reference.trim())) errors.push(ESFA_MESSAGES.certificateNotFound);
  else if (cert.epaoId !== caller.key.epaoId) errors.push(ESFA_MESSAGES.notCreator);
  else if (service.certificates.progress(cert).status === "Draft") {
    if (blank(cert.overallGrade) && !cert.achievementDate && blank(cert.postalContact?.postCode)) errors.push(ESFA_MESSAGES.certificateNotFoundDot);
  } else if (cert.status !== "Deleted") errors.push(ESFA_MESSAGES.cannotDeleteSubmitted);
  return errors;
}
