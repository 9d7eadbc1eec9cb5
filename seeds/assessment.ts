import { and, asc, eq, inArray } from "drizzle-orm";
import {
  apprentices,
  assessmentAttempts,
  assessmentComponents,
  componentGrades,
  epaoStandards,
  evidenceFiles,
  evidenceRequests,
  gatewayChecklistItems,
  gatewaySubmissions,
  sharedDocuments,
  standards,
  users,
  type GatewayItemSnapshot,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db";
import { fileStore } from "@/lib/storage";
import { simplePdf } from "@/lib/storage/pdf";
import { ensureDefaultChecklist } from "../lib/assessment/checklist";
import { deriveOverallGrade } from "../lib/assessment/rules";

/**
 * Demo assessment data that agrees with each demo record's status: records at gateway have a submitted round with
 * evidence; records in EPA an approved round and a first attempt (some fully graded, so a provisional grade waits
 * for confirmation); graded records a confirmed, locked attempt. One record in training has a rejected round to fix,
 * one an open evidence request, and each EPAO shares an assessment plan.
 */

async function storeDemoFile(name: string, text: string) {
  const put = await fileStore().put(simplePdf(text));
  return { fileName: name, contentType: "application/pdf", size: put.size, sha256: put.sha256, storageKey: put.key };
}

/** For the demo records just created (never anyone else's): `ids` is what the demo seed inserted. */
export async function seedAssessmentDemo(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return;
  const records = await db
    .select()
    .from(apprentices)
    .where(and(inArray(apprentices.id, ids), inArray(apprentices.status, ["in_training", "gateway", "epa", "graded", "certificated"])))
    .orderBy(asc(apprentices.uln));
  if (records.length === 0) return;
  const standardIds = [...new Set(records.map((r) => r.standardId))];
  await ensureDefaultChecklist(db, standardIds);
  const [items, components, standardRows, people] = await Promise.all([
    db.select().from(gatewayChecklistItems).where(inArray(gatewayChecklistItems.standardId, standardIds)).orderBy(asc(gatewayChecklistItems.position)),
    db.select().from(assessmentComponents).where(inArray(assessmentComponents.standardId, standardIds)).orderBy(asc(assessmentComponents.position)),
    db.select().from(standards).where(inArray(standards.id, standardIds)),
    db.select({ id: users.id, organisationId: users.organisationId, role: users.role }).from(users),
  ]);
  const personOf = (organisationId: string, role: string) => people.find((p) => p.organisationId === organisationId && p.role === role)?.id ?? null;

  let trainingSeen = 0;
  for (const [n, r] of records.entries()) {
    const mandatory = items.filter((i) => i.standardId === r.standardId && i.mandatory);
    const providerUser = personOf(r.providerId, "provider_admin");
    const epaoUser = personOf(r.epaoId, "epao_staff");
    // Graded records went through EPA in the summer (their certificates are due); the others this autumn.
    const month = r.status === "graded" || r.status === "certificated" ? 6 : 9;
    const day = (offset: number) => new Date(Date.UTC(2026, month, 1 + ((n * 3 + offset) % 40), 10, 0, 0));

    if (r.status === "in_training") {
      trainingSeen++;
      // The second record in training was sent back at gateway; the fourth has an open evidence request.
      if (trainingSeen === 2) {
        const files = [];
        for (const item of mandatory) {
          const stored = await storeDemoFile(`${item.code}.pdf`, `${item.title} for ${r.givenNames} ${r.familyName}`);
          const [row] = await db
            .insert(evidenceFiles)
            .values({ ...stored, apprenticeId: r.id, purpose: "gateway", checklistItemId: item.id, uploadedBy: providerUser, uploadedAt: day(0) })
            .returning();
          files.push({ item, row: row! });
        }
        const snapshot: GatewayItemSnapshot[] = files.map(({ item, row }) => ({
          itemId: item.id,
          code: item.code,
          title: item.title,
          mandatory: item.mandatory,
          files: [{ id: row.id, fileName: row.fileName }],
          decision: item.code === "portfolio" ? "rejected" : "accepted",
          reason: item.code === "portfolio" ? "The portfolio does not show the evidence for the project management KSBs" : null,
        }));
        await db.insert(gatewaySubmissions).values({
          apprenticeId: r.id,
          round: 1,
          status: "rejected",
          items: snapshot,
          submittedBy: providerUser,
          submittedAt: day(1),
          reviewedBy: epaoUser,
          reviewedAt: day(3),
          reviewNote: "Please add the missing evidence and resubmit.",
        });
      }
      if (trainingSeen === 4) {
        await db.insert(evidenceRequests).values({
          apprenticeId: r.id,
          epaoId: r.epaoId,
          message: "Please send the employer's signed witness statement for the workplace project.",
          dueDate: "2026-12-11",
          requestedBy: epaoUser,
          requestedAt: day(2),
        });
      }
      continue;
    }

    // Gateway evidence and the round that got the record where it is.
    const snapshot: GatewayItemSnapshot[] = [];
    for (const item of mandatory) {
      const stored = await storeDemoFile(`${item.code}.pdf`, `${item.title} for ${r.givenNames} ${r.familyName}`);
      const [row] = await db
        .insert(evidenceFiles)
        .values({ ...stored, apprenticeId: r.id, purpose: "gateway", checklistItemId: item.id, uploadedBy: providerUser, uploadedAt: day(0) })
        .returning();
      snapshot.push({
        itemId: item.id,
        code: item.code,
        title: item.title,
        mandatory: true,
        files: [{ id: row!.id, fileName: row!.fileName }],
        ...(r.status === "gateway" ? {} : { decision: "accepted" as const, reason: null }),
      });
    }
    if (r.status === "gateway") {
      await db
        .insert(gatewaySubmissions)
        .values({ apprenticeId: r.id, round: 1, status: "submitted", items: snapshot, submittedBy: providerUser, submittedAt: day(1) });
      continue;
    }
    await db.insert(gatewaySubmissions).values({
      apprenticeId: r.id,
      round: 1,
      status: "approved",
      items: snapshot,
      submittedBy: providerUser,
      submittedAt: day(1),
      reviewedBy: epaoUser,
      reviewedAt: day(2),
    });

    // The first attempt, with grades for some or all components.
    const standard = standardRows.find((s) => s.id === r.standardId)!;
    const own = components.filter((c) => c.standardId === r.standardId);
    const [attempt] = await db
      .insert(assessmentAttempts)
      .values({ apprenticeId: r.id, number: 1, kind: "first", startedAt: day(2) })
      .returning();
    const graded = r.status === "graded" || r.status === "certificated";
    const gradeCount = graded || n % 2 === 0 ? own.length : Math.max(1, own.length - 1);
    const grades: Record<string, string> = {};
    for (const [i, c] of own.slice(0, gradeCount).entries()) {
      // Mostly passes and above; now and then the top grade.
      const scale = c.grades.filter((g) => g !== "Fail");
      const grade = scale[(n + i) % scale.length] ?? c.grades[c.grades.length - 1]!;
      grades[c.code] = grade;
      await db.insert(componentGrades).values({
        attemptId: attempt!.id,
        componentId: c.id,
        grade,
        assessedOn: day(5 + i)
          .toISOString()
          .slice(0, 10),
        locked: graded,
        recordedBy: r.assessorId,
        recordedAt: day(5 + i),
      });
    }
    if (graded) {
      const derived = deriveOverallGrade({ overallGrades: standard.overallGrades, gradingRule: standard.gradingRule, components: own }, grades);
      const overall = derived.status === "derived" ? derived.overall : standard.overallGrades[1]!;
      await db
        .update(assessmentAttempts)
        .set({
          overallGrade: overall,
          achievementDate: day(5 + own.length - 1)
            .toISOString()
            .slice(0, 10),
          confirmedBy: epaoUser,
          confirmedAt: day(6 + own.length),
          version: 2,
        })
        .where(eq(assessmentAttempts.id, attempt!.id));
    }
  }

  // Each demo EPAO shares an assessment plan for its first standard.
  const epaoIds = [...new Set(records.map((r) => r.epaoId))];
  for (const epaoId of epaoIds) {
    const [first] = await db
      .select({ standardId: epaoStandards.standardId, reference: standards.reference, title: standards.title })
      .from(epaoStandards)
      .innerJoin(standards, eq(standards.id, epaoStandards.standardId))
      .where(and(eq(epaoStandards.epaoId, epaoId)))
      .orderBy(asc(standards.reference))
      .limit(1);
    if (!first) continue;
    const stored = await storeDemoFile(`${first.reference}-assessment-plan.pdf`, `${first.reference} ${first.title}: assessment plan`);
    await db.insert(sharedDocuments).values({
      ...stored,
      epaoId,
      standardId: first.standardId,
      title: `${first.reference} assessment plan`,
      description: "The end-point assessment plan and grading criteria.",
      uploadedBy: personOf(epaoId, "epao_admin"),
    });
  }
}
