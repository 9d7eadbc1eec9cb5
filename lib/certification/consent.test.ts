import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apprentices } from "@/db/schema";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createTwoEpaosWithProvider, createUser, insertApprentice } from "@/tests/support/factories";
import { recordCertificateConsent } from "./consent";
import { auditTrail } from "@/tests/support/audit";

async function world() {
  const { epao, otherEpao, provider, standard } = await createTwoEpaosWithProvider();
  const [staff, otherStaff, assessor, providerUser] = await Promise.all([
    createUser(epao, "epao_staff"),
    createUser(otherEpao, "epao_staff"),
    createUser(epao, "assessor"),
    createUser(provider, "provider_user"),
  ]);
  const record = (epaoId = epao.id) => insertApprentice(standard.id, epaoId, provider.id, { status: "graded" });
  return { epao, staff, otherStaff, assessor, providerUser, record };
}

const row = async (id: string) => (await db().select().from(apprentices).where(eq(apprentices.id, id)))[0]!;

describe("certificate consent", () => {
  it("is recorded and cleared on the EPAO's own record, audited on the record", async () => {
    const w = await world();
    const record = await w.record();
    const set = await recordCertificateConsent(w.staff, { apprenticeId: record.id, consent: true });
    expect(set.consentAt).toBeInstanceOf(Date);
    expect(await row(record.id)).toMatchObject({ certificateConsentAt: set.consentAt, certificateConsentBy: w.staff.userId, version: record.version });

    // Recording it again keeps the first time and writes nothing.
    expect(await recordCertificateConsent(w.staff, { apprenticeId: record.id, consent: true })).toEqual(set);

    expect(await recordCertificateConsent(w.staff, { apprenticeId: record.id, consent: false })).toEqual({ consentAt: null });
    expect(await row(record.id)).toMatchObject({ certificateConsentAt: null, certificateConsentBy: null });

    const events = await auditTrail("apprentice", record.id);
    expect(events.map((e) => e.action)).toEqual(["certificate_consent.recorded", "certificate_consent.cleared"]);
  });

  it("another organisation's record is not found; other roles may not", async () => {
    const w = await world();
    const record = await w.record();
    await expect(recordCertificateConsent(w.otherStaff, { apprenticeId: record.id, consent: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordCertificateConsent(w.staff, { apprenticeId: crypto.randomUUID(), consent: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordCertificateConsent(w.assessor, { apprenticeId: record.id, consent: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordCertificateConsent(w.providerUser, { apprenticeId: record.id, consent: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(record.id)).certificateConsentAt).toBeNull();
  });
});
