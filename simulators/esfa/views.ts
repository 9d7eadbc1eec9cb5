/**
 * How a certificate or a learner is shown: the External API's view of a certificate (Draft shown as Ready when
 * complete, the print process shown as Submitted with its progress in `printed`/`delivered`, another EPAO's
 * certificate redacted), a learner record, and the simulator's own view of a certificate for the control.
 */
import { isPrintProcess, latestEpa } from "./certificates";
import { MAX_ULN, MIN_ULN } from "./validation";
import type { SimLearner, SimStandard } from "./register";
import type { Service } from "./service";
import type { EsfaSimulatorCertificateState, SimCertificate } from "./types";
import { blank, DAY, dotnetDate, iso } from "./values";
import type { EsfaCertificate, EsfaEpaDetails, EsfaLearnerRecord, EsfaStandard } from "./wire";

/** What the simulator holds for a certificate (its internal status), as the control answers it. */
export function certificateState(service: Service, cert: SimCertificate): EsfaSimulatorCertificateState {
  service.certificates.progress(cert);
  const standard = service.register.standardByCode(cert.standardCode);
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
function isReady(cert: SimCertificate, options: string[] | null) {
  const c = cert.postalContact;
  if (cert.status !== "Draft" || !cert.reference || cert.standardCode < 1 || blank(cert.version)) return false;
  if (!c || blank(c.contactName) || blank(c.city) || blank(c.postCode)) return false;
  if (blank(cert.familyName) || cert.uln <= MIN_ULN || cert.uln >= MAX_ULN) return false;
  if (blank(cert.overallGrade) || !cert.achievementDate) return false;
  if (options && options.length > 0 && cert.courseOption == null) return false;
  return true;
}

/** The External API's view of a certificate. `view` "get" also applies the options check and the print-process mapping. */
export function present(service: Service, cert: SimCertificate, view: "batch" | "get", redacted = false): EsfaCertificate {
  const { register } = service;
  service.certificates.progress(cert);
  const standard = register.standardByCode(cert.standardCode);
  let currentStatus: string = cert.status;
  let delivered: EsfaCertificate["delivered"] = null;
  if (cert.status === "Draft") {
    const options = view === "get" && standard ? register.optionsFor(standard, cert.version) : null;
    if (isReady(cert, options)) currentStatus = "Ready";
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
  const learner = register.learner(cert.uln, cert.standardCode);
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

function epaDetails(cert: SimCertificate): EsfaEpaDetails {
  const latest = latestEpa(cert);
  return {
    epaReference: cert.reference,
    latestEpaDate: dotnetDate(latest?.epaDate),
    latestEpaOutcome: latest?.epaOutcome ?? null,
    epas: cert.epas.map((e) => ({ epaDate: dotnetDate(e.epaDate)!, epaOutcome: e.epaOutcome, version: e.version })),
  };
}

/** GET api/v1/learner: the ILR record, with the caller's own certificate for it (`visible`) and its EPAs. */
export function learnerRecord(service: Service, learner: SimLearner, standard: SimStandard, visible: SimCertificate | null): EsfaLearnerRecord {
  return {
    learnerData: {
      standard: {
        standardCode: standard.code,
        standardReference: standard.reference,
        standardName: standard.name,
        level: standard.level,
        version: learner.version ?? service.register.latestVersion(standard),
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
    epaDetails: visible ? epaDetails(visible) : null,
    certificate: visible ? present(service, visible, "get") : null,
  };
}
