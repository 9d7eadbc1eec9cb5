import "server-only";
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { declarations, npqApplications, statements } from "@/db/schema";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { leadProviderActorFromUser } from "@/lib/dfe/actor";
import { londonToday } from "@/lib/calendar/london";

/** A lead provider's NPQ picture at a glance: applications by status, enrolments by training status, declarations by state, next statement. */
export async function leadProviderDashboard(user: UserActor, today = londonToday()) {
  const actor = leadProviderActorFromUser(user);
  const [apps, declarationStates, [next]] = await Promise.all([
    db()
      .select({
        pending: sql<number>`count(*) filter (where ${npqApplications.status} = 'pending')::int`,
        accepted: sql<number>`count(*) filter (where ${npqApplications.status} = 'accepted')::int`,
        rejected: sql<number>`count(*) filter (where ${npqApplications.status} = 'rejected')::int`,
        active: sql<number>`count(*) filter (where ${npqApplications.trainingStatus} = 'active')::int`,
        deferred: sql<number>`count(*) filter (where ${npqApplications.trainingStatus} = 'deferred')::int`,
        withdrawn: sql<number>`count(*) filter (where ${npqApplications.trainingStatus} = 'withdrawn')::int`,
      })
      .from(npqApplications)
      .where(eq(npqApplications.leadProviderId, actor.leadProviderId)),
    db()
      .select({ state: declarations.state, count: sql<number>`count(*)::int` })
      .from(declarations)
      .where(eq(declarations.leadProviderId, actor.leadProviderId))
      .groupBy(declarations.state),
    db()
      .select()
      .from(statements)
      .where(
        and(
          eq(statements.leadProviderId, actor.leadProviderId),
          eq(statements.programme, "npq"),
          eq(statements.state, "open"),
          gte(statements.deadlineDate, today),
        ),
      )
      .orderBy(asc(statements.deadlineDate))
      .limit(1),
  ]);
  return {
    applications: apps[0] ?? { pending: 0, accepted: 0, rejected: 0, active: 0, deferred: 0, withdrawn: 0 },
    declarations: Object.fromEntries(declarationStates.map((d) => [d.state, d.count])) as Record<string, number>,
    nextStatement: next ?? null,
  };
}
