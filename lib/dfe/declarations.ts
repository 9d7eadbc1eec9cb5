import "server-only";
import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { declarations, participants, type Declaration } from "@/db/schema";
import { isUuid } from "@/lib/api/http";
import { fromLondonWallClock, londonDate } from "@/lib/calendar/london";
import { isUniqueViolation, type DbOrTx } from "@/lib/db";
import { BILLABLE_STATES, type DECLARATION_TYPES } from "@/lib/domain";
import { NotFoundError, oneOrNotFound } from "@/lib/errors";
import type { LeadProviderActor } from "./actor";
import { nextOutputFeeStatement } from "./statements";

/**
 * What NPQ and ECF declarations share (one `declarations` table; an NPQ one is on an application, an ECF one on a
 * training record): reading a declaration_date as DfE does, the one billable declaration per participant, course and
 * type, the same person's billable declaration under another participant id, and what voiding does. The programmes
 * keep their own rules and messages around these (lib/npq/declarations.ts, lib/ecf/declarations.ts).
 */

type DeclarationType = (typeof DECLARATION_TYPES)[number];

// ---------------------------------------------------------------------------------------------------------------
// declaration_date

/** Is this a real wall-clock time (no 30 February, no 24:00)? */
export function isRealWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

/** DfE's DeclarationDateValidator pattern: RFC 3339 date and time, the offset optional. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A declaration_date as DfE reads it, or null when it is not a valid RFC 3339 date and time. Without an offset it is London time. */
export function parseDeclarationDate(raw: string): Date | null {
  const m = RFC3339.exec(raw);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealWallClock(year, month, day, hour, minute, second)) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const zone = m[8];
  if (!zone) return fromLondonWallClock(wall);
  if (zone.toUpperCase() === "Z") return new Date(wall);
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  const sign = zone.startsWith("-") ? -1 : 1;
  return new Date(wall - sign * (hours * 60 + minutes) * 60_000);
}

// ---------------------------------------------------------------------------------------------------------------
// One billable declaration per participant, course and type

const BILLABLE_KEY = "declarations_one_billable_key";

/** The partial unique index that holds one billable declaration per participant, course and type, refusing a second. */
export const isOneBillableViolation = (error: unknown) => isUniqueViolation(error, BILLABLE_KEY);

export type DeclarationSlot = { participantId: string; courseIdentifier: string; declarationType: string };

/** Billable (submitted, eligible, payable, paid) declarations of a participant for a course and type, whoever made them. */
export function billableDeclarationsOf(slot: DeclarationSlot) {
  return and(
    eq(declarations.participantId, slot.participantId),
    eq(declarations.courseIdentifier, slot.courseIdentifier),
    eq(declarations.declarationType, slot.declarationType as DeclarationType),
    inArray(declarations.state, [...BILLABLE_STATES]),
  );
}

/**
 * Does the same person (same TRN) under another participant id already have a billable declaration for the course
 * and type? DfE then stores the new declaration as `ineligible`, a duplicate_declaration (NPQ's set_eligibility!,
 * ECF's duplicate_declarations).
 */
export async function hasBillableTwin(tx: DbOrTx, slot: DeclarationSlot & { trn: string }): Promise<boolean> {
  const other = alias(participants, "other_participant");
  const [twin] = await tx
    .select({ id: declarations.id })
    .from(declarations)
    .innerJoin(other, eq(other.id, declarations.participantId))
    .where(
      and(
        eq(other.trn, slot.trn),
        ne(declarations.participantId, slot.participantId),
        eq(declarations.courseIdentifier, slot.courseIdentifier),
        eq(declarations.declarationType, slot.declarationType as DeclarationType),
        inArray(declarations.state, [...BILLABLE_STATES]),
      ),
    )
    .limit(1);
  return Boolean(twin);
}

// ---------------------------------------------------------------------------------------------------------------
// Void

/** The errors a programme answers a refused void with (each programme words them its own way). */
export type VoidRefusals = {
  alreadyVoided: () => Error;
  /** Awaiting clawback or clawed back already. */
  alreadyRefunded: () => Error;
  noOutputFeeStatement: (cohort: number) => Error;
};

/**
 * What voiding a declaration does (DfE's Declarations::Void for NPQ, VoidParticipantDeclaration for ECF): a paid one
 * becomes `awaiting_clawback` on the programme's next open output-fee statement (none open: refused); a voided one,
 * or one already awaiting or clawed back, is refused; any other becomes `voided`.
 */
export async function voidingOf(
  tx: DbOrTx,
  programme: "npq" | "ecf",
  actor: LeadProviderActor,
  row: { state: string; cohort: number },
  refusals: VoidRefusals,
): Promise<{ state: "voided"; clawbackStatementId?: undefined } | { state: "awaiting_clawback"; clawbackStatementId: string }> {
  if (row.state === "voided") throw refusals.alreadyVoided();
  if (row.state === "awaiting_clawback" || row.state === "clawed_back") throw refusals.alreadyRefunded();
  if (row.state !== "paid") return { state: "voided" };
  const statement = await nextOutputFeeStatement(tx, programme, actor.leadProviderId, row.cohort, londonDate(actor.now));
  if (!statement) throw refusals.noOutputFeeStatement(row.cohort);
  return { state: "awaiting_clawback", clawbackStatementId: statement.id };
}

/** Locks one of the lead provider's own declarations for a change (`own`: the programme's ownership condition), or not found. */
export async function lockOwnDeclaration(tx: DbOrTx, own: SQL | undefined, id: string): Promise<Declaration> {
  if (!isUuid(id)) throw new NotFoundError("Declaration not found.");
  return oneOrNotFound(
    tx
      .select()
      .from(declarations)
      .where(and(own, eq(declarations.id, id)))
      .for("update"),
    "Declaration not found.",
  );
}
