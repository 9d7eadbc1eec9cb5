import type { Metadata } from "next";
import { WithdrawForm } from "@/components/apprentices/lifecycle-forms";
import { providerRecordChange } from "@/components/apprentices/record-page";
import { PageHeading } from "@/components/ui";

export const metadata: Metadata = { title: "Withdraw an apprentice" };

export default async function WithdrawPage({ params }: { params: Promise<{ id: string }> }) {
  const { id, record, href } = await providerRecordChange(params, (a) => a.withdraw);
  return (
    <>
      <PageHeading caption={`${record.givenNames} ${record.familyName}`} title="Withdraw this apprentice" />
      <WithdrawForm id={id} version={record.version} recordHref={href} />
    </>
  );
}
