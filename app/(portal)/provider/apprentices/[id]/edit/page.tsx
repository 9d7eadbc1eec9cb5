import type { Metadata } from "next";
import { ApprenticeForm } from "@/components/apprentices/apprentice-form";
import { providerRecordChange } from "@/components/apprentices/record-page";
import { PageHeading } from "@/components/ui";

export const metadata: Metadata = { title: "Edit apprentice details" };

export default async function EditApprenticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id, detail, record, href } = await providerRecordChange(params, (a) => a.edit);
  const { standard } = detail;
  const { id: _id, version, ...rest } = record;
  return (
    <>
      <PageHeading caption={`${record.givenNames} ${record.familyName}`} title="Edit details" />
      <ApprenticeForm
        mode="edit"
        record={{ id, version, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === "string" || v === null)) }}
        standard={standard}
        cancelHref={href}
        recordBase="/provider/apprentices"
      />
    </>
  );
}
