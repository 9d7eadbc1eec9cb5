import { beforeAll, describe, expect, it } from "vitest";
import { evidenceFiles } from "@/db/schema";
import { ensureDefaultChecklist } from "@/lib/assessment/checklist";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { apprenticeInput, createOrganisation, createStandard, createUser, linkProvider } from "@/tests/support/factories";
import { createApprentice } from "@/lib/apprentices/service";
import { removeChecklistItem, saveChecklistItem, standardChecklist } from "./checklist";
import { validationOutcome as fieldErrors } from "@/tests/support/errors";
import { auditTrail } from "@/tests/support/audit";

let admin: UserActor;
let standard: Awaited<ReturnType<typeof createStandard>>;
beforeAll(async () => {
  admin = await createUser(await createOrganisation("platform"), "platform_admin");
  standard = await createStandard();
  await ensureDefaultChecklist(db(), [standard.id]);
});

describe("a standard's gateway checklist in the catalogue", () => {
  it("adds an item at the end, edits it and removes it, audited on the standard", async () => {
    const { id } = await saveChecklistItem(admin, {
      standardId: standard.id,
      title: "Witness statement",
      guidance: "Signed by the line manager",
      mandatory: "on",
    });
    let items = await standardChecklist(admin, standard.id);
    expect(items.at(-1)).toMatchObject({ id, code: "witness-statement", title: "Witness statement", mandatory: true, files: 0 });
    await saveChecklistItem(admin, { standardId: standard.id, id, title: "Witness statements", mandatory: false });
    items = await standardChecklist(admin, standard.id);
    expect(items.find((i) => i.id === id)).toMatchObject({ title: "Witness statements", mandatory: false, guidance: null });
    // A second item with the same title gets a code of its own.
    const twin = await saveChecklistItem(admin, { standardId: standard.id, title: "Witness statement", mandatory: true });
    expect((await standardChecklist(admin, standard.id)).find((i) => i.id === twin.id)?.code).toBe("witness-statement-2");
    await removeChecklistItem(admin, { standardId: standard.id, id });
    expect((await standardChecklist(admin, standard.id)).map((i) => i.id)).not.toContain(id);
    const actions = (await auditTrail("standard", standard.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["gateway_checklist.item_added", "gateway_checklist.item_changed", "gateway_checklist.item_removed"]));
  });

  it("refuses bad input, items with evidence, other standards' items and anyone but a platform admin", async () => {
    expect(await fieldErrors(saveChecklistItem(admin, { standardId: standard.id, title: "ab", mandatory: true }))).toEqual({
      title: "Enter the item's title (at least 3 characters)",
    });
    const [item] = await standardChecklist(admin, standard.id);
    const other = await createStandard();
    await expect(removeChecklistItem(admin, { standardId: other.id, id: item!.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveChecklistItem(admin, { standardId: other.id, id: item!.id, title: "Hijack", mandatory: true })).rejects.toBeInstanceOf(NotFoundError);

    // Evidence uploaded for an item: it can be made optional, not removed.
    const [provider, epao] = await Promise.all([createOrganisation("training_provider"), createOrganisation("epao")]);
    await linkProvider(provider.id, epao.id, [standard.id]);
    const record = await createApprentice(await createUser(provider, "provider_admin"), apprenticeInput(standard.id, epao.id));
    await db()
      .insert(evidenceFiles)
      .values({
        apprenticeId: record.id,
        purpose: "gateway",
        checklistItemId: item!.id,
        fileName: "x.pdf",
        contentType: "application/pdf",
        size: 1,
        sha256: "0".repeat(64),
        storageKey: `ab/cd/${crypto.randomUUID()}`,
      });
    expect(await fieldErrors(removeChecklistItem(admin, { standardId: standard.id, id: item!.id }))).toEqual({
      form: `Evidence has been uploaded for "${item!.title}", so it cannot be removed. Make it optional instead.`,
    });
    await saveChecklistItem(admin, { standardId: standard.id, id: item!.id, title: item!.title, mandatory: false });

    for (const role of ["epao_admin", "provider_admin"] as const) {
      const user = await createUser(await createOrganisation(role === "epao_admin" ? "epao" : "training_provider"), role);
      await expect(saveChecklistItem(user, { standardId: standard.id, title: "Sneaky item", mandatory: true })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(removeChecklistItem(user, { standardId: standard.id, id: item!.id })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
