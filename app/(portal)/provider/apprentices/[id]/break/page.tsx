import type { Metadata } from "next";
import { BreakForm, ResumeForm } from "@/components/apprentices/lifecycle-forms";
import { providerRecordChange } from "@/components/apprentices/record-page";
import { PageHeading } from "@/components/ui";

export const metadata: Metadata = { title: "Break in learning" };

export default async function BreakPage({ params }: { params: Promise<{ id: string }> }) {
  const { id, record, href, allowed } = await providerRecordChange(params, (a) => a.startBreak || a.resume);
  return (
    <>
      <PageHeading
        caption={`${record.givenNames} ${record.familyName}`}
        title={allowed.resume ? "Return from a break in learning" : "Record a break in learning"}
      />
      {allowed.resume ? <ResumeForm id={id} version={record.version} recordHref={href} /> : <BreakForm id={id} version={record.version} recordHref={href} />}
    </>
  );
}
