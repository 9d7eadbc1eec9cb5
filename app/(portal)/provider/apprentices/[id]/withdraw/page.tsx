import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { WithdrawForm } from "@/components/apprentices/lifecycle-forms";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/lib/entry/page";
import { PageHeading } from "@/components/ui";
import { allowedChanges } from "@/lib/apprentices/rules";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Withdraw an apprentice" };

export default async function WithdrawPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const { record } = await or404(getApprentice(actor, id));
  const href = `/provider/apprentices/${id}`;
  if (!allowedChanges(record.status).withdraw) redirect(href);
  return (
    <>
      <PageHeading caption={`${record.givenNames} ${record.familyName}`} title="Withdraw this apprentice" />
      <WithdrawForm id={id} version={record.version} recordHref={href} />
    </>
  );
}
