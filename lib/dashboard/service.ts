import "server-only";
import { and, asc, eq, gte, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { apprentices, epaoChanges, organisations, providerLinks, standards } from "@/db/schema";
import { APPRENTICE_STATUSES, type ApprenticeStatus } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { visibleTo } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { londonToday } from "@/lib/calendar/london";

/*
 * Dashboard figures. Every count is a SQL aggregate over `visibleTo(actor)` (the same condition as the
 * apprentice list), so a dashboard never counts a record its reader could not open, and nothing here loads
 * more than a page of rows: one GROUP BY per dashboard (by standard or EPAO, and status) returns every count,
 * the panels' counts included as `count(*) filter (where …)` with the same condition as the panel's list, so
 * the records are read once for all the figures; each panel then reads at most LIST_LIMIT rows.
 */

/** Records in training whose planned end date falls within this many days are "upcoming gateways". */
export const GATEWAY_WINDOW_DAYS = 90;
/** Breaks in learning whose expected return date has passed or falls within this many days. */
export const BREAK_RETURN_WINDOW_DAYS = 30;
/** Rows shown in each dashboard panel. */
export const LIST_LIMIT = 10;

export type StatusCounts = Record<ApprenticeStatus, number>;

export type DateWindow = { from: string; to: string };

export type StandardBreakdown = { standardId: string; reference: string; title: string; total: number; byStatus: StatusCounts };
export type EpaoBreakdown = { epaoId: string; name: string; total: number; byStatus: StatusCounts };

type RecordBase = {
  id: string;
  givenNames: string;
  familyName: string;
  uln: string;
  standardReference: string;
  standardTitle: string;
};

export type AwaitingAssignmentRecord = RecordBase & { status: ApprenticeStatus; providerName: string; receivedAt: Date };
export type UpcomingGatewayRecord = RecordBase & { providerName: string; plannedEndDate: string; daysToGo: number };
export type BreakRecord = RecordBase & { epaoName: string; breakStartDate: string | null; breakExpectedReturnDate: string; daysToReturn: number };
export type PlannedEndRecord = RecordBase & { epaoName: string; plannedEndDate: string; daysToGo: number };

export type EpaoDashboard = {
  today: string;
  total: number;
  byStatus: StatusCounts;
  /** Largest first, then by reference. */
  byStandard: StandardBreakdown[];
  /** Records with no assessor that are not withdrawn: the count and the LIST_LIMIT received longest ago. */
  awaitingAssignment: { count: number; oldest: AwaitingAssignmentRecord[] };
  /** Records in training with a planned end date from today to today + GATEWAY_WINDOW_DAYS, soonest first. */
  upcomingGateways: { count: number; window: DateWindow; records: UpcomingGatewayRecord[] };
  /** Change-of-EPAO requests waiting for this EPAO to accept or decline. */
  pendingEpaoChanges: number;
  /** Link requests from training providers waiting for this EPAO. */
  pendingLinkRequests: number;
};

export type ProviderDashboard = {
  today: string;
  total: number;
  byStatus: StatusCounts;
  /** Largest first, then by name. */
  byEpao: EpaoBreakdown[];
  /** On a break in learning with the expected return date passed or within BREAK_RETURN_WINDOW_DAYS, most overdue first. */
  breaksEndingSoon: { count: number; window: DateWindow; records: BreakRecord[] };
  /** In training with a planned end date from today to today + GATEWAY_WINDOW_DAYS, soonest first. */
  plannedEndsSoon: { count: number; window: DateWindow; records: PlannedEndRecord[] };
};

export type DashboardOptions = {
  /** The date to count from (YYYY-MM-DD); defaults to today in the UK. */
  today?: string;
};

/** The EPAO home: what the EPAO's records look like and what is waiting for it. EPAO admins and staff only. */
export async function epaoDashboard(actor: UserActor, options: DashboardOptions = {}): Promise<EpaoDashboard> {
  assertCan(actor, "dashboard.epao");
  const visible = visibleTo(actor);
  const today = resolveToday(options.today);
  const window = { from: today, to: addDays(today, GATEWAY_WINDOW_DAYS) };
  const isAwaiting = and(isNull(apprentices.assessorId), ne(apprentices.status, "withdrawn"))!;
  const isUpcoming = plannedEndWithin(window);
  const provider = alias(organisations, "provider");

  // One pass over the EPAO's records gives the counts by standard and status and both panel counts.
  const grouped = db()
    .select({
      standardId: apprentices.standardId,
      status: apprentices.status,
      count: sql<number>`count(*)::int`.as("count"),
      awaiting: sql<number>`(count(*) filter (where ${isAwaiting}))::int`.as("awaiting"),
      upcoming: sql<number>`(count(*) filter (where ${isUpcoming}))::int`.as("upcoming"),
    })
    .from(apprentices)
    .where(visible)
    .groupBy(apprentices.standardId, apprentices.status)
    .as("grouped");

  const [standardRows, awaitingRows, upcomingRows, changes, links] = await Promise.all([
    db()
      .select({
        standardId: grouped.standardId,
        status: grouped.status,
        count: grouped.count,
        awaiting: grouped.awaiting,
        upcoming: grouped.upcoming,
        reference: standards.reference,
        title: standards.title,
      })
      .from(grouped)
      .innerJoin(standards, eq(standards.id, grouped.standardId)),
    db()
      .select({ ...recordColumns, status: apprentices.status, providerName: provider.name, receivedAt: apprentices.createdAt })
      .from(apprentices)
      .innerJoin(standards, eq(standards.id, apprentices.standardId))
      .innerJoin(provider, eq(provider.id, apprentices.providerId))
      .where(and(visible, isAwaiting))
      .orderBy(asc(apprentices.createdAt), asc(apprentices.id))
      .limit(LIST_LIMIT),
    db()
      .select({ ...recordColumns, providerName: provider.name, plannedEndDate: apprentices.plannedEndDate })
      .from(apprentices)
      .innerJoin(standards, eq(standards.id, apprentices.standardId))
      .innerJoin(provider, eq(provider.id, apprentices.providerId))
      .where(and(visible, isUpcoming))
      .orderBy(asc(apprentices.plannedEndDate), asc(sql`lower(${apprentices.familyName})`), asc(apprentices.id))
      .limit(LIST_LIMIT),
    db()
      .select({ count: sql<number>`count(*)::int` })
      .from(epaoChanges)
      .where(and(eq(epaoChanges.toEpaoId, actor.organisationId), eq(epaoChanges.status, "requested"))),
    db()
      .select({ count: sql<number>`count(*)::int` })
      .from(providerLinks)
      .where(and(eq(providerLinks.epaoId, actor.organisationId), eq(providerLinks.status, "requested"))),
  ]);

  const byStandard = breakdown(
    standardRows,
    (r) => r.standardId,
    (r) => ({ standardId: r.standardId, reference: r.reference, title: r.title }),
  ).sort((a, b) => b.total - a.total || a.reference.localeCompare(b.reference));
  const byStatus = sumStatuses(byStandard);

  return {
    today,
    total: totalOf(byStatus),
    byStatus,
    byStandard,
    awaitingAssignment: { count: sum(standardRows, "awaiting"), oldest: awaitingRows },
    upcomingGateways: {
      count: sum(standardRows, "upcoming"),
      window,
      records: upcomingRows.map((r) => ({ ...r, daysToGo: daysBetween(today, r.plannedEndDate) })),
    },
    pendingEpaoChanges: changes[0]?.count ?? 0,
    pendingLinkRequests: links[0]?.count ?? 0,
  };
}

/** The training provider home: their records by status and EPAO, and the records that need attention soon. */
export async function providerDashboard(actor: UserActor, options: DashboardOptions = {}): Promise<ProviderDashboard> {
  assertCan(actor, "dashboard.provider");
  const visible = visibleTo(actor);
  const today = resolveToday(options.today);
  const gatewayWindow = { from: today, to: addDays(today, GATEWAY_WINDOW_DAYS) };
  const breakWindow = { from: today, to: addDays(today, BREAK_RETURN_WINDOW_DAYS) };
  const isBreakEnding = and(eq(apprentices.status, "on_break"), lte(apprentices.breakExpectedReturnDate, breakWindow.to))!;
  const isEnding = plannedEndWithin(gatewayWindow);
  const epao = alias(organisations, "epao");

  // One pass over the provider's records gives the counts by EPAO and status and both panel counts.
  const grouped = db()
    .select({
      epaoId: apprentices.epaoId,
      status: apprentices.status,
      count: sql<number>`count(*)::int`.as("count"),
      breakEnding: sql<number>`(count(*) filter (where ${isBreakEnding}))::int`.as("break_ending"),
      ending: sql<number>`(count(*) filter (where ${isEnding}))::int`.as("ending"),
    })
    .from(apprentices)
    .where(visible)
    .groupBy(apprentices.epaoId, apprentices.status)
    .as("grouped");

  const [epaoRows, breakRows, endingRows] = await Promise.all([
    db()
      .select({
        epaoId: grouped.epaoId,
        status: grouped.status,
        count: grouped.count,
        breakEnding: grouped.breakEnding,
        ending: grouped.ending,
        name: organisations.name,
      })
      .from(grouped)
      .innerJoin(organisations, eq(organisations.id, grouped.epaoId)),
    db()
      .select({
        ...recordColumns,
        epaoName: epao.name,
        breakStartDate: apprentices.breakStartDate,
        breakExpectedReturnDate: sql<string>`${apprentices.breakExpectedReturnDate}`,
      })
      .from(apprentices)
      .innerJoin(standards, eq(standards.id, apprentices.standardId))
      .innerJoin(epao, eq(epao.id, apprentices.epaoId))
      .where(and(visible, isBreakEnding))
      .orderBy(asc(apprentices.breakExpectedReturnDate), asc(sql`lower(${apprentices.familyName})`), asc(apprentices.id))
      .limit(LIST_LIMIT),
    db()
      .select({ ...recordColumns, epaoName: epao.name, plannedEndDate: apprentices.plannedEndDate })
      .from(apprentices)
      .innerJoin(standards, eq(standards.id, apprentices.standardId))
      .innerJoin(epao, eq(epao.id, apprentices.epaoId))
      .where(and(visible, isEnding))
      .orderBy(asc(apprentices.plannedEndDate), asc(sql`lower(${apprentices.familyName})`), asc(apprentices.id))
      .limit(LIST_LIMIT),
  ]);

  const byEpao = breakdown(
    epaoRows,
    (r) => r.epaoId,
    (r) => ({ epaoId: r.epaoId, name: r.name }),
  ).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const byStatus = sumStatuses(byEpao);

  return {
    today,
    total: totalOf(byStatus),
    byStatus,
    byEpao,
    breaksEndingSoon: {
      count: sum(epaoRows, "breakEnding"),
      window: breakWindow,
      records: breakRows.map((r) => ({ ...r, daysToReturn: daysBetween(today, r.breakExpectedReturnDate) })),
    },
    plannedEndsSoon: {
      count: sum(epaoRows, "ending"),
      window: gatewayWindow,
      records: endingRows.map((r) => ({ ...r, daysToGo: daysBetween(today, r.plannedEndDate) })),
    },
  };
}

const recordColumns = {
  id: apprentices.id,
  givenNames: apprentices.givenNames,
  familyName: apprentices.familyName,
  uln: apprentices.uln,
  standardReference: standards.reference,
  standardTitle: standards.title,
};

/** In training with a planned end date inside the window (both ends included). */
function plannedEndWithin(window: DateWindow): SQL {
  return and(eq(apprentices.status, "in_training"), gte(apprentices.plannedEndDate, window.from), lte(apprentices.plannedEndDate, window.to))!;
}

function sum<K extends string>(rows: Record<K, number>[], key: K): number {
  return rows.reduce((total, row) => total + row[key], 0);
}

export function emptyStatusCounts(): StatusCounts {
  return Object.fromEntries(APPRENTICE_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function totalOf(counts: StatusCounts): number {
  return APPRENTICE_STATUSES.reduce((sum, s) => sum + counts[s], 0);
}

/** Folds (group, status, count) rows into one entry per group with its per-status counts and total. */
function breakdown<R extends { status: ApprenticeStatus; count: number }, T>(
  rows: R[],
  keyOf: (r: R) => string,
  describe: (r: R) => T,
): (T & { total: number; byStatus: StatusCounts })[] {
  const groups = new Map<string, T & { total: number; byStatus: StatusCounts }>();
  for (const row of rows) {
    const key = keyOf(row);
    let group = groups.get(key);
    if (!group) {
      group = { ...describe(row), total: 0, byStatus: emptyStatusCounts() };
      groups.set(key, group);
    }
    group.byStatus[row.status] += row.count;
    group.total += row.count;
  }
  return [...groups.values()];
}

function sumStatuses(groups: { byStatus: StatusCounts }[]): StatusCounts {
  const counts = emptyStatusCounts();
  for (const group of groups) for (const s of APPRENTICE_STATUSES) counts[s] += group.byStatus[s];
  return counts;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function resolveToday(today: string | undefined): string {
  if (today === undefined) return londonToday();
  if (!ISO_DATE.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)) || new Date(`${today}T00:00:00Z`).toISOString().slice(0, 10) !== today) {
    throw new ValidationError({ today: "Enter a real date in the format YYYY-MM-DD" });
  }
  return today;
}

/** The ISO date `days` days after `iso` (negative for before). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
