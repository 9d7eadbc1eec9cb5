import type { Metadata } from "next";
import { or404 } from "@/lib/entry";
import { ChecklistEditor } from "@/components/catalogue/checklist-editor";
import { StandardForm } from "@/components/catalogue/standard-form";
import { PageHeading } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { formatCombinations, formatComponents } from "@/lib/catalogue/schema";
import { standardChecklist, getStandardForEdit } from "@/lib/catalogue";

export const metadata: Metadata = { title: "Edit a standard" };

export default async function EditStandardPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("admin");
  const { id } = await params;
  const s = await or404(getStandardForEdit(actor, id));
  const checklist = await standardChecklist(actor, s.id);
  return (
    <>
      <PageHeading caption="Catalogue" title={`${s.reference} ${s.title}`} />
      <StandardForm
        id={s.id}
        updatedAt={s.updatedAt.toISOString()}
        initial={{
          reference: s.reference,
          larsCode: String(s.larsCode),
          title: s.title,
          level: String(s.level),
          versions: s.versions.join(", "),
          options: s.options.join("\n"),
          overallGrades: s.overallGrades.join(", "),
          components: formatComponents(s.components),
          combinations: formatCombinations(s.gradingRule.combinations),
          fallback: s.gradingRule.fallback,
        }}
      />
      <h2 className="mt-10 mb-2 text-2xl font-bold">Gateway checklist</h2>
      <p className="mb-4 max-w-3xl">
        What training providers upload before they submit the gateway for this standard. Mandatory items must have evidence before the gateway can be submitted.
      </p>
      <ChecklistEditor standardId={s.id} items={checklist} />
    </>
  );
}
