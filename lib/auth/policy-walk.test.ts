import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { leadProviderActorFromUser } from "@/lib/dfe/actor";
import { ROLES, type Role } from "@/lib/domain";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createWorld } from "@/tests/support/factories";
import { can, type Permission } from "./policy";

/**
 * Walks every service function and proves it refuses an actor without its permission.
 *
 * A service function is an exported async function whose first parameter is an actor (its type names `UserActor`,
 * `Actor` or `LeadProviderActor`), in any module under lib/ (tests and "use server" action files are not modules of
 * the walk). They are found by reading the sources, not listed by hand, so a new one fails here until PERMISSION_OF
 * says which permission it needs; then it is called, for every role without that permission, by a user of that role
 * in an organisation of its own with dummy arguments (random UUIDs, empty objects), and must refuse with
 * ForbiddenError (NotFoundError where the table says the refusal is a "not found").
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIB = path.join(ROOT, "lib");

/** Which permission each service function needs (by function name; an array: any one of them). */
const PERMISSION_OF: Record<string, Permission | Permission[]> = {
  // apprentices
  importUpload: "apprentices.manage",
  getUpload: "apprentices.manage",
  listUploads: "apprentices.manage",
  errorReportCsv: "apprentices.manage",
  validateUpload: "apprentices.manage",
  discardUpload: "apprentices.manage",
  listApprentices: "apprentices.read",
  exportApprenticesCsv: "apprentices.read",
  listFilterOptions: "apprentices.read",
  matchingIds: "apprentices.read",
  createApprentice: "apprentices.manage",
  updateApprentice: "apprentices.manage",
  startBreak: "apprentices.manage",
  resumeFromBreak: "apprentices.manage",
  withdrawApprentice: "apprentices.manage",
  requestEpaoChange: "apprentices.manage",
  cancelEpaoChange: "apprentices.manage",
  respondToEpaoChange: "apprentices.assign",
  listIncomingEpaoChanges: "apprentices.assign",
  assignApprentices: "apprentices.assign",
  getApprentice: "apprentices.read",
  apprenticeTimeline: "apprentices.read",
  // assessment
  lodgeAppeal: "assessment.provide",
  withdrawAppeal: "assessment.provide",
  decideAppeal: "assessment.manage",
  shareDocument: "documents.share",
  removeSharedDocument: "documents.share",
  listSharedDocuments: "documents.read",
  readSharedDocument: "documents.read",
  requestEvidence: "assessment.manage",
  closeEvidenceRequest: "assessment.manage",
  answerEvidenceRequest: "assessment.provide",
  evidenceRequestsFor: "apprentices.read",
  openEvidenceRequests: ["assessment.manage", "assessment.provide"],
  uploadGatewayEvidence: "assessment.provide",
  removeGatewayEvidence: "assessment.provide",
  submitGateway: "assessment.provide",
  gatewayReminders: "assessment.provide",
  gatewaysToFix: "assessment.provide",
  gatewayOverview: "apprentices.read",
  readEvidenceFile: "apprentices.read",
  reviewGateway: "assessment.manage",
  gatewaysToReview: "assessment.manage",
  recordComponentGrade: "grades.record",
  confirmOverallGrade: "assessment.manage",
  confirmOverallGrades: "assessment.manage",
  unlockGrade: "grades.unlock",
  assessmentOverview: "apprentices.read",
  assessorWorklist: "grades.record",
  epaoGradingQueues: "assessment.manage",
  requestResit: "assessment.provide",
  decideResit: "assessment.manage",
  // audit
  listActivity: "audit.read",
  // catalogue
  standardChecklist: "standards.read",
  saveChecklistItem: "standards.manage",
  removeChecklistItem: "standards.manage",
  getStandardForEdit: "standards.manage",
  createStandard: "standards.manage",
  updateStandard: "standards.manage",
  // certification
  listPostalContacts: "certification.addresses",
  employersWithoutContact: "certification.addresses",
  savePostalContact: "certification.addresses",
  deletePostalContact: "certification.addresses",
  certificateAddressOf: "certification.addresses",
  setApprenticePostalContact: "certification.addresses",
  clearApprenticePostalContact: "certification.addresses",
  claimOverview: "apprentices.read",
  recordCertificateConsent: "certification.claims",
  correctRecordForCertification: "certification.claims",
  runClaimsNow: "certification.claims",
  requeueClaim: "certification.claims",
  esfaClaimsUnder: "certification.read",
  esfaKeyStatus: "certification.read",
  checkEsfaKeyForActivation: "certification.keys",
  activateEsfaKey: "certification.keys",
  removeEsfaKey: "certification.keys",
  recheckEsfaKey: "certification.keys",
  upcomingClaims: "certification.read",
  claimRuns: "certification.read",
  runCalls: "certification.read",
  certificationErrors: "certification.errors",
  certificationErrorsCsv: "certification.errors",
  providerCertification: "certification.provider",
  getCertificationSettings: "certification.read",
  updateCertificationSettings: "certification.settings",
  // dashboards
  epaoDashboard: "dashboard.epao",
  providerDashboard: "dashboard.provider",
  // lead provider API tokens
  listApiTokens: "apiTokens.manage",
  createApiToken: "apiTokens.manage",
  revokeApiToken: "apiTokens.manage",
  // links
  listLinks: ["links.provider", "links.epao"],
  endLink: ["links.provider", "links.epao"],
  listEpaosForLinking: "links.provider",
  requestLink: "links.provider",
  linkedEpaosForProvider: "links.provider",
  respondToLink: "links.epao",
  // notifications
  getPreferences: "notifications.manage",
  setPreferences: "notifications.manage",
  // NPQ (portal side; the LeadProviderActor services are covered by leadProviderActorFromUser below)
  leadProviderDashboard: "npq.manage",
  listPortalApplications: "npq.manage",
  courseSchedules: "npq.manage",
  listStatementDeclarations: "npq.manage",
  createNpqApplication: "npq.admin",
  importNpqApplicationsCsv: "npq.admin",
  applicationSummaryByLeadProvider: "npq.admin",
  runStatementsJobNow: "npq.admin",
  statementsJobRuns: "npq.admin",
  listAdminStatements: "npq.admin",
  listLeadProviders: "npq.admin",
  npqSchedulesByCohort: "npq.admin",
  copyNpqSchedules: "npq.admin",
  createStatement: "npq.admin",
  markStatementsPayable: "npq.admin",
  markStatementPaid: "npq.admin",
  // organisations
  teamSummary: "users.read",
  listOrganisations: "organisations.read",
  // standards
  listStandards: "standards.read",
  listEpaoStandards: "standards.epao",
  listAssessorsForStandard: "standards.epao",
  listStaffStandardAssignments: "standards.assignments",
  setEpaoStandards: "standards.choose",
  getStaffStandardAssignment: "standards.choose",
  setUserStandards: "standards.choose",
  // users
  listOrganisationUsers: "users.read",
  getOrganisationUser: "users.manage",
  createUser: "users.manage",
  changeUserRole: "users.manage",
  setUserDisabled: "users.manage",
  signOutEverywhere: "users.manage",
};

/** Service functions the walk does not call, each with the reason. */
const EXCLUDED: Record<string, string> = {
  changeOwnPassword: "every signed-in user may change their own password: no permission, it only touches the actor's own row",
  reissueSession: "session machinery (lib/session): re-signs the actor's own session cookie after a password change",
  statementsPastDeadlinePayable: "the daily statements job's body: called with the job's system actor, or by markStatementsPayable after its npq.admin check",
};

/**
 * Services whose first parameter is a LeadProviderActor are authorised when that actor is made:
 * leadProviderActorFromUser asserts npq.manage (proved below), and the API makes one only from an authenticated token.
 */
const AUTHORISED_BY_ACTOR = /\bLeadProviderActor\b/;

/** Functions that refuse with NotFoundError rather than ForbiddenError (each with the reason). */
const REFUSED_AS_NOT_FOUND: Record<string, string> = {};

type Param = { name: string; type: string; optional: boolean };
type ServiceFunction = { file: string; name: string; params: Param[]; firstType: string };

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".d.ts"));
}

const isExported = (node: ts.Node) => ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
const isAsync = (node: ts.Node) => ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;

/** Every exported async function (declaration or `export const f = async (…) =>`) whose first parameter is an actor. */
function discover(): ServiceFunction[] {
  const found: ServiceFunction[] = [];
  for (const file of sourceFiles(LIB)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const first = source.statements[0];
    if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server") continue;
    const functions: { name: string; fn: ts.SignatureDeclaration }[] = [];
    for (const statement of source.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement) && isAsync(statement))
        functions.push({ name: statement.name.text, fn: statement });
      if (ts.isVariableStatement(statement) && isExported(statement)) {
        for (const d of statement.declarationList.declarations) {
          const init = d.initializer;
          if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && isAsync(init))
            functions.push({ name: d.name.text, fn: init });
        }
      }
    }
    for (const { name, fn } of functions) {
      const params = fn.parameters.map((p) => ({
        name: p.name.getText(source),
        type: p.type?.getText(source) ?? "",
        optional: !!p.questionToken || !!p.initializer,
      }));
      const firstType = params[0]?.type ?? "";
      if (/\b(UserActor|Actor|LeadProviderActor)\b/.test(firstType)) found.push({ file: path.relative(ROOT, file), name, params, firstType });
    }
  }
  return found;
}

/** A plausible dummy for a parameter: a random UUID for a string, an empty object for an input, nothing when optional. */
function dummy(param: Param): unknown {
  if (param.optional) return undefined;
  const type = param.type.trim();
  if (type === "string") return crypto.randomUUID();
  if (type === "number") return 1;
  if (type === "boolean") return false;
  if (type === "Date") return new Date();
  if (type.endsWith("[]")) return [];
  return {};
}

const services = discover();
const walked = services.filter((s) => !EXCLUDED[s.name] && !AUTHORISED_BY_ACTOR.test(s.firstType));

function rolesWithout(needs: Permission | Permission[]): Role[] {
  const any = Array.isArray(needs) ? needs : [needs];
  return ROLES.filter((role) => !any.some((p) => can({ role }, p)));
}

async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "resolved";
  } catch (error) {
    if (error instanceof ForbiddenError) return "ForbiddenError";
    if (error instanceof NotFoundError) return "NotFoundError";
    return `${error instanceof Error ? error.name : typeof error}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe("policy walk", () => {
  let actors: Record<Role, UserActor>;
  beforeAll(async () => {
    ({ actors } = await createWorld());
  });

  it("finds the service functions (sanity: the walk is not empty)", () => {
    expect(walked.length).toBeGreaterThan(100);
    expect(services.some((s) => AUTHORISED_BY_ACTOR.test(s.firstType))).toBe(true);
  });

  it("knows every service function's permission, and nothing else", () => {
    const names = walked.map((s) => s.name);
    const clashes = names.filter((name, i) => names.indexOf(name) !== i);
    expect(clashes, "service function names the table cannot tell apart").toEqual([]);
    const undeclared = walked.filter((s) => !(s.name in PERMISSION_OF)).map((s) => `${s.file} ${s.name}`);
    expect(undeclared, "service functions without an entry in PERMISSION_OF (say which permission each needs)").toEqual([]);
    const stale = [...Object.keys(PERMISSION_OF), ...Object.keys(EXCLUDED), ...Object.keys(REFUSED_AS_NOT_FOUND)].filter(
      (name) => !services.some((s) => s.name === name),
    );
    expect(stale, "entries for functions that no longer exist").toEqual([]);
  });

  for (const service of walked) {
    const needs = PERMISSION_OF[service.name];
    if (!needs) continue;
    const expected = REFUSED_AS_NOT_FOUND[service.name] ? ["ForbiddenError", "NotFoundError"] : ["ForbiddenError"];
    it(`${service.file} ${service.name} refuses everyone without ${[needs].flat().join(" or ")}`, async () => {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, service.file))) as Record<string, unknown>;
      const fn = mod[service.name];
      expect(typeof fn, `${service.name} is exported`).toBe("function");
      const refused = rolesWithout(needs);
      expect(refused.length, "a permission someone lacks").toBeGreaterThan(0);
      const outcomes: Record<string, string> = {};
      for (const role of refused) {
        const args = service.params.slice(1).map(dummy);
        outcomes[role] = await outcomeOf(() => (fn as (...a: unknown[]) => Promise<unknown>)(actors[role], ...args));
      }
      for (const [role, outcome] of Object.entries(outcomes)) expect(expected, `${service.name} as ${role}: ${outcome}`).toContain(outcome);
    });
  }

  it("makes a lead provider actor only for those with npq.manage", () => {
    for (const role of ROLES) {
      if (can({ role }, "npq.manage")) expect(() => leadProviderActorFromUser(actors[role])).not.toThrow();
      else expect(() => leadProviderActorFromUser(actors[role]), role).toThrow(ForbiddenError);
    }
  });
});
