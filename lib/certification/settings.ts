import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { epaoCertificationSettings, users } from "@/db/schema";
import { COUNT_MODES } from "@/lib/domain";
import type { UserActor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/policy";
import { diff, recordAudit } from "@/lib/audit/service";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { DEFAULT_COUNTDOWN, type CountdownSettings } from "./countdown";

/**
 * Each EPAO's certification countdown (DOMAIN.md "Certification countdown"): how many days after the overall grade is
 * confirmed the certificate is claimed, for the highest grade and for other grades, counted in calendar or working
 * days. Until an admin saves them the defaults apply (version 0: nothing stored yet).
 */

export type CertificationSettings = {
  highestGradeDays: number;
  highestGradeMode: (typeof COUNT_MODES)[number];
  otherGradesDays: number;
  otherGradesMode: (typeof COUNT_MODES)[number];
  /** 0 while the defaults apply (nothing saved yet). */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  countdown: CountdownSettings;
};

export async function getCertificationSettings(actor: UserActor): Promise<CertificationSettings> {
  assertCan(actor, "certification.read");
  const [row] = await db()
    .select({ settings: epaoCertificationSettings, updatedBy: users.name })
    .from(epaoCertificationSettings)
    .leftJoin(users, eq(users.id, epaoCertificationSettings.updatedBy))
    .where(eq(epaoCertificationSettings.epaoId, actor.organisationId));
  if (!row) {
    return {
      highestGradeDays: DEFAULT_COUNTDOWN.highestGrade.days,
      highestGradeMode: DEFAULT_COUNTDOWN.highestGrade.mode,
      otherGradesDays: DEFAULT_COUNTDOWN.otherGrades.days,
      otherGradesMode: DEFAULT_COUNTDOWN.otherGrades.mode,
      version: 0,
      updatedAt: null,
      updatedBy: null,
      countdown: DEFAULT_COUNTDOWN,
    };
  }
  const s = row.settings;
  return {
    highestGradeDays: s.highestGradeDays,
    highestGradeMode: s.highestGradeMode,
    otherGradesDays: s.otherGradesDays,
    otherGradesMode: s.otherGradesMode,
    version: s.version,
    updatedAt: s.updatedAt,
    updatedBy: row.updatedBy,
    countdown: { highestGrade: { days: s.highestGradeDays, mode: s.highestGradeMode }, otherGrades: { days: s.otherGradesDays, mode: s.otherGradesMode } },
  };
}

const days = (what: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ error: `Enter the number of days for ${what}` })
      .int({ error: `Enter a whole number of days for ${what}, from 0 to 60` })
      .min(0, { error: `Enter a whole number of days for ${what}, from 0 to 60` })
      .max(60, { error: `Enter a whole number of days for ${what}, from 0 to 60` }),
  );
const mode = (what: string) => z.enum(COUNT_MODES, { error: `Choose calendar days or working days for ${what}` });

export const certificationSettingsSchema = z.object({
  highestGradeDays: days("the highest grade"),
  highestGradeMode: mode("the highest grade"),
  otherGradesDays: days("other grades"),
  otherGradesMode: mode("other grades"),
  version: z.number({ error: "Reload the page and try again" }).int().min(0),
});

/** An EPAO admin changes the countdown. `version` is the one the form was loaded with (0 for the defaults). */
export async function updateCertificationSettings(actor: UserActor, input: unknown): Promise<CertificationSettings> {
  assertCan(actor, "certification.settings");
  const { version, ...values } = parseInput(certificationSettingsSchema, input);
  await db().transaction(async (tx) => {
    const [current] = await tx.select().from(epaoCertificationSettings).where(eq(epaoCertificationSettings.epaoId, actor.organisationId)).for("update");
    if ((current?.version ?? 0) !== version) throw new ConflictError();
    const before = current
      ? {
          highestGradeDays: current.highestGradeDays,
          highestGradeMode: current.highestGradeMode,
          otherGradesDays: current.otherGradesDays,
          otherGradesMode: current.otherGradesMode,
        }
      : {
          highestGradeDays: DEFAULT_COUNTDOWN.highestGrade.days,
          highestGradeMode: DEFAULT_COUNTDOWN.highestGrade.mode,
          otherGradesDays: DEFAULT_COUNTDOWN.otherGrades.days,
          otherGradesMode: DEFAULT_COUNTDOWN.otherGrades.mode,
        };
    const change = diff(before, values);
    if (!change.changed && current) return;
    const now = new Date();
    if (current) {
      await tx
        .update(epaoCertificationSettings)
        .set({ ...values, updatedBy: actor.userId, updatedAt: now, version: current.version + 1 })
        .where(eq(epaoCertificationSettings.epaoId, actor.organisationId));
    } else {
      // Two admins saving the defaults at once: the second finds the row and is told to reload.
      const inserted = await tx
        .insert(epaoCertificationSettings)
        .values({ epaoId: actor.organisationId, ...values, updatedBy: actor.userId, updatedAt: now, version: 1 })
        .onConflictDoNothing()
        .returning({ epaoId: epaoCertificationSettings.epaoId });
      if (inserted.length === 0) throw new ConflictError();
    }
    if (!change.changed) return;
    const describe = (v: typeof before) =>
      `highest grade ${v.highestGradeDays} ${v.highestGradeMode} days, other grades ${v.otherGradesDays} ${v.otherGradesMode} days`;
    await recordAudit(tx, actor, {
      action: "certification_settings.updated",
      entityType: "organisation",
      entityId: actor.organisationId,
      summary: `Changed the certification countdown to ${describe(values)} (was ${describe(before)})`,
      before: change.before,
      after: change.after,
    });
  });
  return getCertificationSettings(actor);
}
