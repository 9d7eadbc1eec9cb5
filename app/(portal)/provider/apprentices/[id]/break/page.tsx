import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BreakForm, ResumeForm } from "@/components/apprentices/lifecycle-forms";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/lib/entry/page";
import { PageHeading } from "@/components/ui";
import { allowedChanges } from "@/lib/apprentices/rules";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Break in learning" };

export default async function BreakPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const { record } = await or404(getApprentice(actor, id));
  const href = `/provider/apprentices/${id}`;
  const allowed = allowedChanges(record.status);
  if (!allowed.startBreak && !allowed.resume) redirect(href);
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
