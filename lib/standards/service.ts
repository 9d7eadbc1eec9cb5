import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { assessmentComponents, epaoStandards, organisations, standards, userStandards, users } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/service";
import { db, type DbOrTx } from "@/lib/db";
import { NotFoundError, ValidationError, oneOrNotFound } from "@/lib/errors";
import {
  assignStandardsSchema,
  chooseStandardsSchema,
  STANDARD_ASSIGNEE_ROLES,
  type AssignStandardsInput,
  type ChooseStandardsInput,
  type StandardAssigneeRole,
} from "./schema";
import { parseInput } from "@/lib/validation";
import type { AssessmentComponent, Standard } from "@/db/schema";

export type StandardWithComponents = Standard & { components: AssessmentComponent[] };

/** The standards catalogue with each standard's assessment components, ordered by reference. */
export async function listStandards(actor: UserActor): Promise<StandardWithComponents[]> {
  assertCan(actor, "standards.read");
  const rows = await db().select().from(standards).orderBy(asc(standards.reference));
  if (rows.length === 0) return [];
  const components = await db()
    .select()
    .from(assessmentComponents)
    .where(
      inArray(
        assessmentComponents.standardId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(assessmentComponents.position));
  return rows.map((r) => ({ ...r, components: components.filter((c) => c.standardId === r.id) }));
}

/** A standard as lists and forms show it. */
export type StandardSummary = { id: string; reference: string; title: string; level: number; versions: string[]; options: string[] };
/** A standard as named in an assignment or a link. */
export type StandardRef = { id: string; reference: string; title: string };

const summaryColumns = {
  id: standards.id,
  reference: standards.reference,
  title: standards.title,
  level: standards.level,
  versions: standards.versions,
  options: standards.options,
};

export type StaffStandardAssignment = {
  id: string;
  name: string;
  email: string;
  role: StandardAssigneeRole;
  disabled: boolean;
  standards: StandardRef[];
};

export type AssessorForStandard = { id: string; name: string; email: string };

/** The standards the actor's EPAO assesses, by reference (any EPAO role, assessors included). */
export async function listEpaoStandards(actor: UserActor): Promise<StandardSummary[]> {
  assertCan(actor, "standards.epao");
  return db()
    .select(summaryColumns)
    .from(epaoStandards)
    .innerJoin(standards, eq(standards.id, epaoStandards.standardId))
    .where(eq(epaoStandards.epaoId, actor.organisationId))
    .orderBy(asc(standards.reference));
}

/** What replacing the `current` set of standards with `wanted` adds and removes; the new set sorted by reference. */
function changeOfSet<T extends { id: string; reference: string }>(current: T[], wanted: T[]) {
  const currentIds = new Set(current.map((s) => s.id));
  const wantedIds = new Set(wanted.map((s) => s.id));
  return {
    added: wanted.filter((s) => !currentIds.has(s.id)),
    removed: current.filter((s) => !wantedIds.has(s.id)),
    result: [...wanted].sort(byReference),
  };
}

/**
 * Replaces the set of standards the actor's EPAO assesses (EPAO admins). Standards taken off the list are
 * also taken off the EPAO's assessors and staff; links with training providers keep their history.
 */
export async function setEpaoStandards(actor: UserActor, input: ChooseStandardsInput): Promise<StandardSummary[]> {
  assertCan(actor, "standards.choose");
  const data = parseInput(chooseStandardsSchema, input);
  return db().transaction(async (tx) => {
    // Serialises changes to this EPAO's standards (and assignments, which take this lock shared).
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).for("update");
    const wanted = data.standardIds.length > 0 ? await tx.select(summaryColumns).from(standards).where(inArray(standards.id, data.standardIds)) : [];
    if (wanted.length !== data.standardIds.length) throw new ValidationError({ standardIds: "Select standards from the catalogue" });
    const current = await epaoStandardsIn(tx, actor.organisationId);
    const { added, removed, result } = changeOfSet(current, wanted);
    if (added.length === 0 && removed.length === 0) return result;

    if (added.length > 0) {
      await tx
        .insert(epaoStandards)
        .values(added.map((s) => ({ epaoId: actor.organisationId, standardId: s.id })))
        .onConflictDoNothing();
    }
    let unassigned = 0;
    if (removed.length > 0) {
      const removedIds = removed.map((s) => s.id);
      await tx.delete(epaoStandards).where(and(eq(epaoStandards.epaoId, actor.organisationId), inArray(epaoStandards.standardId, removedIds)));
      const staff = tx.select({ id: users.id }).from(users).where(eq(users.organisationId, actor.organisationId));
      const dropped = await tx
        .delete(userStandards)
        .where(and(inArray(userStandards.standardId, removedIds), inArray(userStandards.userId, staff)))
        .returning({ userId: userStandards.userId });
      unassigned = dropped.length;
    }
    const parts = [added.length > 0 ? `added ${refs(added).join(", ")}` : null, removed.length > 0 ? `removed ${refs(removed).join(", ")}` : null].filter(
      Boolean,
    );
    await recordAudit(tx, actor, {
      action: "standards.assessed_changed",
      entityType: "organisation",
      entityId: actor.organisationId,
      summary: `Changed the standards assessed: ${parts.join("; ")}${unassigned > 0 ? ` (${unassigned} assignment${unassigned === 1 ? "" : "s"} to assessors and staff removed)` : ""}`,
      before: { standards: refs([...current].sort(byReference)) },
      after: { standards: refs(result), added: refs(added), removed: refs(removed) },
    });
    return result;
  });
}

/** The EPAO's assessors and staff, each with the standards assigned to them (EPAO admins and staff). */
export async function listStaffStandardAssignments(actor: UserActor): Promise<StaffStandardAssignment[]> {
  assertCan(actor, "standards.assignments");
  const [people, assigned] = await Promise.all([
    db()
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.organisationId, actor.organisationId), inArray(users.role, STANDARD_ASSIGNEE_ROLES)))
      .orderBy(asc(users.role), asc(users.name)),
    db()
      .select({ userId: userStandards.userId, id: standards.id, reference: standards.reference, title: standards.title })
      .from(userStandards)
      .innerJoin(users, eq(users.id, userStandards.userId))
      .innerJoin(standards, eq(standards.id, userStandards.standardId))
      .where(eq(users.organisationId, actor.organisationId))
      .orderBy(asc(standards.reference)),
  ]);
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role as StandardAssigneeRole,
    disabled: p.disabledAt !== null,
    standards: assigned.filter((a) => a.userId === p.id).map(({ id, reference, title }) => ({ id, reference, title })),
  }));
}

/** One assessor's or staff member's assignment with the standards that may be assigned (EPAO admins). */
export async function getStaffStandardAssignment(actor: UserActor, userId: string): Promise<{ person: StaffStandardAssignment; available: StandardSummary[] }> {
  assertCan(actor, "standards.choose");
  if (!isUuid(userId)) throw new NotFoundError("User not found.");
  const person = await oneOrNotFound(
    db()
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId), inArray(users.role, STANDARD_ASSIGNEE_ROLES))),
    "User not found.",
  );
  const [assigned, available] = await Promise.all([userStandardsOf(db(), person.id), epaoStandardsIn(db(), actor.organisationId)]);
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      role: person.role as StandardAssigneeRole,
      disabled: person.disabledAt !== null,
      standards: assigned,
    },
    available,
  };
}

/** Replaces the standards assigned to one of the EPAO's assessors or staff (EPAO admins). */
export async function setUserStandards(actor: UserActor, input: AssignStandardsInput): Promise<StandardRef[]> {
  assertCan(actor, "standards.choose");
  const data = parseInput(assignStandardsSchema, input);
  return db().transaction(async (tx) => {
    // Shared lock: the EPAO's own list of standards cannot change under us.
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).for("share");
    const person = await oneOrNotFound(
      tx
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(and(eq(users.id, data.userId), eq(users.organisationId, actor.organisationId)))
        .for("update"),
      "User not found.",
    );
    if (!(STANDARD_ASSIGNEE_ROLES as readonly string[]).includes(person.role)) {
      throw new ValidationError({ userId: "Standards can only be assigned to assessors and EPAO staff" });
    }
    const wanted =
      data.standardIds.length > 0
        ? await tx
            .select({ id: standards.id, reference: standards.reference, title: standards.title })
            .from(epaoStandards)
            .innerJoin(standards, eq(standards.id, epaoStandards.standardId))
            .where(and(eq(epaoStandards.epaoId, actor.organisationId), inArray(epaoStandards.standardId, data.standardIds)))
        : [];
    if (wanted.length !== data.standardIds.length) throw new ValidationError({ standardIds: "Select only standards your organisation assesses" });
    const current = await userStandardsOf(tx, person.id);
    const { added, removed, result } = changeOfSet(current, wanted);
    if (added.length === 0 && removed.length === 0) return result;

    if (added.length > 0) {
      await tx
        .insert(userStandards)
        .values(added.map((s) => ({ userId: person.id, standardId: s.id })))
        .onConflictDoNothing();
    }
    if (removed.length > 0) {
      await tx.delete(userStandards).where(
        and(
          eq(userStandards.userId, person.id),
          inArray(
            userStandards.standardId,
            removed.map((s) => s.id),
          ),
        ),
      );
    }
    const parts = [added.length > 0 ? `added ${refs(added).join(", ")}` : null, removed.length > 0 ? `removed ${refs(removed).join(", ")}` : null].filter(
      Boolean,
    );
    await recordAudit(tx, actor, {
      action: "user.standards_changed",
      entityType: "user",
      entityId: person.id,
      summary: `Changed ${person.name}'s standards: ${parts.join("; ")}`,
      before: { standards: refs(current) },
      after: { standards: refs(result), added: refs(added), removed: refs(removed) },
    });
    return result;
  });
}

/** Active assessors of the actor's EPAO who are assigned the given standard, by name. */
export async function listAssessorsForStandard(actor: UserActor, standardId: string): Promise<AssessorForStandard[]> {
  assertCan(actor, "standards.epao");
  if (!isUuid(standardId)) return [];
  return db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(userStandards)
    .innerJoin(users, eq(users.id, userStandards.userId))
    .innerJoin(epaoStandards, and(eq(epaoStandards.epaoId, actor.organisationId), eq(epaoStandards.standardId, userStandards.standardId)))
    .where(and(eq(userStandards.standardId, standardId), eq(users.organisationId, actor.organisationId), eq(users.role, "assessor"), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
}

async function epaoStandardsIn(tx: DbOrTx, epaoId: string): Promise<StandardSummary[]> {
  return tx
    .select(summaryColumns)
    .from(epaoStandards)
    .innerJoin(standards, eq(standards.id, epaoStandards.standardId))
    .where(eq(epaoStandards.epaoId, epaoId))
    .orderBy(asc(standards.reference));
}

async function userStandardsOf(tx: DbOrTx, userId: string): Promise<StandardRef[]> {
  return tx
    .select({ id: standards.id, reference: standards.reference, title: standards.title })
    .from(userStandards)
    .innerJoin(standards, eq(standards.id, userStandards.standardId))
    .where(eq(userStandards.userId, userId))
    .orderBy(asc(standards.reference));
}

const byReference = (a: { reference: string }, b: { reference: string }) => a.reference.localeCompare(b.reference);
const refs = (list: { reference: string }[]) => list.map((s) => s.reference);
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
