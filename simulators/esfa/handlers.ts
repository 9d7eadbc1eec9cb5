/**
 * The External API's operations, one handler per endpoint (CertificateController, LearnerController,
 * StandardsController and the internal CertificateBatchController they call): bind the request, validate it
 * (validation.ts), then act on the service's data and answer as the API does.
 */
import { bindAll, bindCertificateItem, BindingError, bindSubmitItem, type CertificateInput, type SubmitInput } from "./binding";
import { isPrintProcess } from "./certificates";
import { ESFA_MESSAGES } from "./messages";
import { apiError, bindingProblem, json, type Reply } from "./reply";
import type { Service } from "./service";
import type { Caller, SimCertificate } from "./types";
import { blank, same } from "./values";
import {
  collate,
  collateStandard,
  validateCreate,
  validateDelete,
  validateGetCertificate,
  validateGetLearner,
  validateSubmit,
  validateUpdate,
} from "./validation";
import { learnerRecord, present } from "./views";
import { ESFA_ENDPOINTS, ESFA_GRADES, ESFA_MAX_BATCH, type EsfaBatchCertificateResponse, type EsfaEndpoint, type EsfaStandardOptions } from "./wire";

/** One request as a handler sees it: the route's values (decoded), the body and whom the gateway let through. */
export interface ApiRequest {
  params: string[];
  body: Buffer;
  caller: Caller;
}

type Handler = (service: Service, request: ApiRequest) => Reply;

const refused = (requestId: string | null, errors: string[]): EsfaBatchCertificateResponse => ({
  requestId: requestId ?? "",
  certificate: null,
  validationErrors: errors,
});
const accepted = (service: Service, requestId: string | null, cert: SimCertificate): EsfaBatchCertificateResponse => ({
  requestId: requestId ?? "",
  certificate: present(service, cert, "batch"),
  validationErrors: [],
});

// ---------------------------------------------------------------- batches: create, update, submit

/** A create/update/submit body: a JSON array of at most 25 items, each answered in order. */
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

/** Writes a valid create/update request into the certificate, with the register's names and the canonical grade. */
function fill(service: Service, cert: SimCertificate, input: CertificateInput) {
  const { register } = service;
  const standard = register.standardByCode(input.standardCode)!;
  const learner = register.learner(input.uln, input.standardCode);
  const version = input.version?.trim() ?? null;
  const options = register.optionsFor(standard, version);
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

/** A new Draft for the learner, with the next reference. */
function newDraft(service: Service, input: CertificateInput, caller: Caller, now: number): SimCertificate {
  return {
    reference: service.certificates.newReference(),
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
}

/** POST api/v1/certificate, one item: a new Draft, or a deleted (or failed) certificate brought back as one. */
function createCertificate(service: Service, input: CertificateInput, caller: Caller): EsfaBatchCertificateResponse {
  collate(service.register, input);
  const existing = input.standardCode > 0 ? service.certificates.certificate(input.uln, input.standardCode) : null;
  const errors = validateCreate(service, input, caller, existing);
  if (errors.length > 0) return refused(input.requestId, errors);

  const now = service.clock.now();
  const cert = existing ?? newDraft(service, input, caller, now);
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
  fill(service, cert, input);
  service.certificates.store(cert);
  return accepted(service, input.requestId, cert);
}

/** PUT api/v1/certificate, one item: changes a Draft. */
function updateCertificate(service: Service, input: CertificateInput, caller: Caller): EsfaBatchCertificateResponse {
  collate(service.register, input);
  const existing = input.standardCode > 0 ? service.certificates.certificate(input.uln, input.standardCode) : null;
  const errors = validateUpdate(service, input, caller, existing);
  if (errors.length > 0 || !existing) return refused(input.requestId, errors);
  fill(service, existing, input);
  service.certificates.changed = true;
  return accepted(service, input.requestId, existing);
}

/** POST api/v1/certificate/submit, one item: a complete Draft becomes Submitted (and the print process starts). */
function submitCertificate(service: Service, input: SubmitInput, caller: Caller): EsfaBatchCertificateResponse {
  collateStandard(service.register, input);
  const existing = input.standardCode > 0 ? service.certificates.certificate(input.uln, input.standardCode) : null;
  const errors = validateSubmit(service, input, caller, existing);
  if (errors.length > 0 || !existing) return refused(input.requestId, errors);
  existing.status = "Submitted";
  existing.submittedAt = service.clock.now();
  existing.submittedBy = caller.key.user ?? "API";
  service.certificates.changed = true;
  return accepted(service, input.requestId, existing);
}

// ---------------------------------------------------------------- single-item operations

/** A route ULN the binder can read as a number (else the 400 problem body). */
function parseUln(value: string): number | null {
  return /^\d{1,19}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
}

/** Handlers whose first route value is a ULN. */
function withUln(handler: (service: Service, uln: number, request: ApiRequest) => Reply): Handler {
  return (service, request) => {
    const uln = parseUln(request.params[0]!);
    if (uln == null) return bindingProblem({ uln: [`The value '${request.params[0]}' is not valid.`] });
    return handler(service, uln, request);
  };
}

/** GET api/v1/certificate/{uln}/{familyName}/{standard}: GetBatchCertificateHandler. 204 when there is nothing to show. */
function getCertificate(service: Service, uln: number, { params, caller }: ApiRequest): Reply {
  const [, familyName, standardParam] = params as [string, string, string];
  const code = service.register.standardByCodeOrReference(standardParam)?.code ?? 0;
  const cert = service.certificates.certificate(uln, code);
  const errors = validateGetCertificate(service, { uln, familyName, code }, cert, caller);
  if (errors.length > 0) return apiError(403, errors.join("; "));

  if (!cert) return json(204);
  service.certificates.progress(cert);
  if (cert.status === "Deleted") return json(204);
  if ((cert.status === "Submitted" || isPrintProcess(cert.status)) && same(cert.overallGrade, "Fail")) return json(204);
  if (cert.status === "Draft" && cert.overallGrade == null) return json(204);
  if (cert.epaoId !== caller.key.epaoId) {
    // Another EPAO approved for the standard sees it redacted.
    return service.register.approvedVersions(caller.key.epaoId, code)?.length ? json(200, present(service, cert, "get", true)) : json(204);
  }
  return json(200, present(service, cert, "get"));
}

/** GET api/v1/learner/{uln}/{familyName}/{standard}: the ILR record, with the caller's own certificate. */
function getLearner(service: Service, uln: number, { params, caller }: ApiRequest): Reply {
  const [, familyName, standardParam] = params as [string, string, string];
  const standard = blank(standardParam) ? null : service.register.standardByCodeOrReference(standardParam);
  const errors = validateGetLearner(service, { uln, familyName, standardParam }, standard, caller);
  if (errors.length > 0) return apiError(403, errors.join("; "));
  const learner = service.register.learner(uln, standard!.code);
  if (!learner) return json(404);
  const cert = service.certificates.certificate(uln, standard!.code);
  const visible = cert && cert.status !== "Deleted" && cert.epaoId === caller.key.epaoId ? cert : null;
  return json(200, learnerRecord(service, learner, standard!, visible));
}

/** DELETE api/v1/certificate/{uln}/{familyName}/{standard}/{certificateReference}: a Draft is marked Deleted. */
function deleteCertificate(service: Service, uln: number, { params, caller }: ApiRequest): Reply {
  const [, familyName, standardParam, reference] = params as [string, string, string, string];
  const code = service.register.standardByCodeOrReference(standardParam)?.code ?? 0;
  const cert = code > 0 ? service.certificates.certificate(uln, code) : null;
  const errors = validateDelete(service, { uln, familyName, code, reference }, cert, caller);
  if (errors.length > 0 || !cert) return apiError(403, errors.join("; "));
  cert.status = "Deleted";
  service.certificates.changed = true;
  return json(204);
}

/** GET api/v1/standards/options/{standard}[/{version}]: 404 for an unknown standard or version, 204 without options. */
function standardOptions(service: Service, standardParam: string, version: string | null): Reply {
  const { register } = service;
  const standard = register.standardByCodeOrReference(standardParam);
  if (!standard || (version != null && !standard.versions.includes(version))) return json(404);
  const v = version ?? register.latestVersion(standard);
  const options = register.optionsFor(standard, v);
  if (options.length === 0) return json(204);
  return json(200, { standardCode: standard.code, standardReference: standard.reference, version: v, courseOption: options } satisfies EsfaStandardOptions);
}

// ---------------------------------------------------------------- by endpoint

const HANDLERS: Record<EsfaEndpoint, Handler> = {
  [ESFA_ENDPOINTS.ping]: () => json(200, "Pong"),
  [ESFA_ENDPOINTS.grades]: () => json(200, [...ESFA_GRADES]),
  [ESFA_ENDPOINTS.createCertificates]: (service, { body, caller }) =>
    batch(body, (items) => bindAll(items, bindCertificateItem).map((input) => createCertificate(service, input, caller))),
  [ESFA_ENDPOINTS.updateCertificates]: (service, { body, caller }) =>
    batch(body, (items) => bindAll(items, bindCertificateItem).map((input) => updateCertificate(service, input, caller))),
  [ESFA_ENDPOINTS.submitCertificates]: (service, { body, caller }) =>
    batch(body, (items) => bindAll(items, bindSubmitItem).map((input) => submitCertificate(service, input, caller))),
  [ESFA_ENDPOINTS.getCertificate]: withUln(getCertificate),
  [ESFA_ENDPOINTS.getLearner]: withUln(getLearner),
  [ESFA_ENDPOINTS.deleteCertificate]: withUln(deleteCertificate),
  [ESFA_ENDPOINTS.options]: (service) => json(200, service.register.optionsList()),
  [ESFA_ENDPOINTS.optionsForStandard]: (service, { params }) => standardOptions(service, params[0]!, null),
  [ESFA_ENDPOINTS.optionsForVersion]: (service, { params }) => standardOptions(service, params[0]!, params[1]!),
};

/** Answers an API request the gateway let through. Throws URIError for a route value that does not decode. */
export function handleApi(service: Service, endpoint: EsfaEndpoint, rawParams: string[], body: Buffer, caller: Caller): Reply {
  const params = rawParams.map((s) => decodeURIComponent(s));
  return HANDLERS[endpoint](service, { params, body, caller });
}
