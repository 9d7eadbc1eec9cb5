import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { declarations, npqApplications, organisations, participants, scheduleMilestones, schedules, statements } from "@/db/schema";
import { type NpqCourse } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { leadProviderActorFromUser } from "@/lib/dfe/actor";
import { isUuid, pageOf, type Pagination } from "@/lib/api/http";
import type { AdminStatementListQuery, ApplicationListQuery } from "./portal-schema";
import { scheduleTypeFor } from "./reference";

/**
 * Read-only queries the lead provider portal needs and the API services do not offer (a status, course and name
 * filter with totals for the applications list, the schedules a course can move to, the declarations on a
 * statement, and the platform admin's statement list). Every change still goes through the services.
 * Lead provider queries are scoped to the signed-in user's lead provider (npq.manage); admin ones need npq.admin.
 */

/** The `pagination` object the services take, for a 1-based page. */
export function portalPagination(page: number, perPage: number): Pagination {
  return pageOf(page, perPage);
}

export type Paged<T> = { rows: T[]; total: number; page: number; perPage: number; totalPages: number };

function paged<T>(rows: T[], total: number, page: number, perPage: number): Paged<T> {
  return { rows, total, page, perPage, totalPages: Math.max(1, Math.ceil(total / perPage)) };
}

function escapeLike(value: string) {
  return value.replace(/[%_\\]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Applications list

export type ApplicationListRow = {
  id: string;
  participantId: string;
  fullName: string;
  email: string | null;
  courseIdentifier: NpqCourse;
  cohort: number;
  status: "pending" | "accepted" | "rejected";
  reasonForRejection: string | null;
  eligibleForFunding: boolean;
  fundedPlace: boolean | null;
  trainingStatus: "active" | "deferred" | "withdrawn" | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The lead provider's applications for the portal list: filtered by status, cohort, course and a name, email or id
 * search, with the total for pagination. `q` matches the start of any word of the name, the start of the email, or
 * an application or participant id exactly.
 */
export async function listPortalApplications(
  user: UserActor,
  query: Omit<ApplicationListQuery, "page" | "perPage"> & { page: number; perPage: number },
): Promise<Paged<ApplicationListRow>> {
  const actor = leadProviderActorFromUser(user);
  const conditions: SQL[] = [eq(npqApplications.leadProviderId, actor.leadProviderId)];
  if (query.status) conditions.push(eq(npqApplications.status, query.status));
  if (query.cohort !== undefined) conditions.push(eq(npqApplications.cohort, query.cohort));
  if (query.course) conditions.push(eq(npqApplications.courseIdentifier, query.course));
  const q = query.q?.trim();
  if (q) {
    if (isUuid(q)) conditions.push(or(eq(npqApplications.id, q), eq(npqApplications.participantId, q))!);
    else {
      for (const part of q.toLowerCase().split(/\s+/).filter(Boolean)) {
        const escaped = escapeLike(part);
        conditions.push(
          or(
            sql`lower(${participants.fullName}) like ${`${escaped}%`}`,
            sql`lower(${participants.fullName}) like ${`% ${escaped}%`}`,
            sql`lower(coalesce(${participants.email}, '')) like ${`${escaped}%`}`,
          )!,
        );
      }
    }
  }
  const where = and(...conditions);
  const order =
    query.sort === "newest"
      ? [desc(npqApplications.createdAt), desc(npqApplications.id)]
      : query.sort === "updated"
        ? [desc(npqApplications.updatedAt), desc(npqApplications.id)]
        : [asc(npqApplications.createdAt), asc(npqApplications.id)];
  const { perPage, offset, page } = portalPagination(query.page, query.perPage);
  const [rows, [count]] = await Promise.all([
    db()
      .select({
        id: npqApplications.id,
        participantId: npqApplications.participantId,
        fullName: participants.fullName,
        email: participants.email,
        courseIdentifier: npqApplications.courseIdentifier,
        cohort: npqApplications.cohort,
        status: npqApplications.status,
        reasonForRejection: npqApplications.reasonForRejection,
        eligibleForFunding: npqApplications.eligibleForFunding,
        fundedPlace: npqApplications.fundedPlace,
        trainingStatus: npqApplications.trainingStatus,
        createdAt: npqApplications.createdAt,
        updatedAt: npqApplications.updatedAt,
      })
      .from(npqApplications)
      .innerJoin(participants, eq(participants.id, npqApplications.participantId))
      .where(where)
      .orderBy(...order)
      .limit(perPage)
      .offset(offset),
    db()
      .select({ total: sql<number>`count(*)::int` })
      .from(npqApplications)
      .innerJoin(participants, eq(participants.id, npqApplications.participantId))
      .where(where),
  ]);
  return paged(rows, count?.total ?? 0, page, perPage);
}

// ---------------------------------------------------------------------------------------------------------------
// Schedules

export type ScheduleOption = {
  identifier: string;
  name: string;
  cohort: number;
  /** Each declaration type's window: from startDate to milestoneDate (open-ended when null). */
  milestones: { declarationType: string; startDate: string; milestoneDate: string | null }[];
};

/** The DfE schedules a course can use in a cohort (its schedule family), earliest start first, with their milestone windows. */
export async function courseSchedules(user: UserActor, course: NpqCourse, cohort: number): Promise<ScheduleOption[]> {
  assertCan(user, "npq.manage");
  const rows = await db()
    .select({ id: schedules.id, identifier: schedules.identifier, name: schedules.name, cohort: schedules.cohort })
    .from(schedules)
    .where(and(eq(schedules.type, scheduleTypeFor(course)), eq(schedules.cohort, cohort)));
  if (rows.length === 0) return [];
  const milestones = await db()
    .select({
      scheduleId: scheduleMilestones.scheduleId,
      declarationType: scheduleMilestones.declarationType,
      startDate: scheduleMilestones.startDate,
      milestoneDate: scheduleMilestones.milestoneDate,
    })
    .from(scheduleMilestones)
    .where(
      inArray(
        scheduleMilestones.scheduleId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(scheduleMilestones.startDate), asc(scheduleMilestones.declarationType));
  const options = rows.map((r) => ({
    identifier: r.identifier,
    name: r.name,
    cohort: r.cohort,
    milestones: milestones
      .filter((m) => m.scheduleId === r.id)
      .map(({ declarationType, startDate, milestoneDate }) => ({ declarationType, startDate, milestoneDate })),
  }));
  const start = (o: ScheduleOption) => o.milestones.find((m) => m.declarationType === "started")?.startDate ?? "9999";
  return options.sort((a, b) => start(a).localeCompare(start(b)) || a.identifier.localeCompare(b.identifier));
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations on a statement

export type StatementDeclarationRow = {
  id: string;
  participantId: string;
  fullName: string;
  courseIdentifier: string;
  declarationType: string;
  declarationDate: Date;
  state: string;
  /** "statement": paid (or to be paid) on this statement; "clawback": clawed back on it. */
  line: "statement" | "clawback";
};

/** The lead provider's NPQ declarations on one of its statements, or clawed back on it, oldest first. */
export async function listStatementDeclarations(
  user: UserActor,
  statementId: string,
  options: { page: number; perPage: number },
): Promise<Paged<StatementDeclarationRow>> {
  const actor = leadProviderActorFromUser(user);
  const { page, perPage, offset } = portalPagination(options.page, options.perPage);
  if (!isUuid(statementId)) return paged([], 0, page, perPage);
  const where = and(
    eq(declarations.leadProviderId, actor.leadProviderId),
    isNotNull(declarations.applicationId),
    or(
      eq(declarations.statementId, statementId),
      and(eq(declarations.clawbackStatementId, statementId), inArray(declarations.state, ["awaiting_clawback", "clawed_back"])),
    ),
  );
  const [rows, [count]] = await Promise.all([
    db()
      .select({
        id: declarations.id,
        participantId: declarations.participantId,
        fullName: participants.fullName,
        courseIdentifier: declarations.courseIdentifier,
        declarationType: declarations.declarationType,
        declarationDate: declarations.declarationDate,
        state: declarations.state,
        clawbackStatementId: declarations.clawbackStatementId,
      })
      .from(declarations)
      .innerJoin(participants, eq(participants.id, declarations.participantId))
      .where(where)
      .orderBy(asc(declarations.createdAt), asc(declarations.id))
      .limit(perPage)
      .offset(offset),
    db()
      .select({ total: sql<number>`count(*)::int` })
      .from(declarations)
      .where(where),
  ]);
  return paged(
    rows.map(({ clawbackStatementId, ...r }) => ({
      ...r,
      line: clawbackStatementId === statementId && (r.state === "awaiting_clawback" || r.state === "clawed_back") ? "clawback" : "statement",
    })),
    count?.total ?? 0,
    page,
    perPage,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Platform admin

export type AdminStatementRow = {
  id: string;
  leadProviderId: string;
  leadProviderName: string;
  programme: "npq" | "ecf";
  cohort: number;
  month: number;
  year: number;
  deadlineDate: string;
  paymentDate: string;
  outputFee: boolean;
  state: "open" | "payable" | "paid";
  markedPaidAt: Date | null;
  declarations: number;
};

/** Every lead provider's statements for the platform admin, by payment date, filtered by lead provider, cohort and state. */
export async function listAdminStatements(
  admin: UserActor,
  query: Omit<AdminStatementListQuery, "page" | "perPage"> & { page: number; perPage: number },
): Promise<Paged<AdminStatementRow>> {
  assertCan(admin, "npq.admin");
  const { page, perPage, offset } = portalPagination(query.page, query.perPage);
  const conditions: SQL[] = [];
  if (query.leadProvider) conditions.push(eq(statements.leadProviderId, query.leadProvider));
  if (query.cohort !== undefined) conditions.push(eq(statements.cohort, query.cohort));
  if (query.state) conditions.push(eq(statements.state, query.state));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [count]] = await Promise.all([
    db()
      .select({
        id: statements.id,
        leadProviderId: statements.leadProviderId,
        leadProviderName: organisations.name,
        programme: statements.programme,
        cohort: statements.cohort,
        month: statements.month,
        year: statements.year,
        deadlineDate: statements.deadlineDate,
        paymentDate: statements.paymentDate,
        outputFee: statements.outputFee,
        state: statements.state,
        markedPaidAt: statements.markedPaidAt,
        declarations: sql<number>`(select count(*)::int from ${declarations} where ${declarations.statementId} = ${statements.id})`,
      })
      .from(statements)
      .innerJoin(organisations, eq(organisations.id, statements.leadProviderId))
      .where(where)
      .orderBy(asc(statements.paymentDate), asc(organisations.name), asc(statements.cohort), asc(statements.id))
      .limit(perPage)
      .offset(offset),
    db()
      .select({ total: sql<number>`count(*)::int` })
      .from(statements)
      .where(where),
  ]);
  return paged(
    rows.map((r) => ({ ...r, declarations: Number(r.declarations) })),
    count?.total ?? 0,
    page,
    perPage,
  );
}

/** The lead providers on the platform (for the admin's statement form and filter). */
export async function listLeadProviders(admin: UserActor): Promise<{ id: string; name: string; code: string }[]> {
  assertCan(admin, "npq.admin");
  return db()
    .select({ id: organisations.id, name: organisations.name, code: organisations.code })
    .from(organisations)
    .where(eq(organisations.type, "lead_provider"))
    .orderBy(asc(organisations.name));
}
