import type { Metadata } from "next";
import Link from "next/link";
import { ChangeEpaoForm } from "@/components/apprentices/lifecycle-forms";
import { providerRecordChange } from "@/components/apprentices/record-page";
import { EmptyState, PageHeading, linkClass } from "@/components/ui";
import { linkedEpaosForProvider } from "@/lib/links";

export const metadata: Metadata = { title: "Change EPAO" };

export default async function ChangeEpaoPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, id, detail, href } = await providerRecordChange(params, (a, d) => a.changeEpao && !d.pendingEpaoChange);
  const epaos = (await linkedEpaosForProvider(actor))
    .filter((e) => e.epaoId !== detail.epao.id && e.standards.some((s) => s.id === detail.standard.id))
    .map((e) => ({ id: e.epaoId, label: `${e.name} (${e.code})` }));
  return (
    <>
      <PageHeading
        caption={`${detail.record.givenNames} ${detail.record.familyName}`}
        title="Change EPAO"
        description={`Currently with ${detail.epao.name}. The new EPAO must accept the record; until then nothing changes.`}
      />
      {epaos.length === 0 ? (
        <EmptyState title={`No other EPAO is linked with you for ${detail.standard.reference}`}>
          <p>
            <Link className={linkClass} href="/provider/epaos/new">
              Request a link with another EPAO
            </Link>{" "}
            for this standard first.
          </p>
        </EmptyState>
      ) : (
        <ChangeEpaoForm id={id} version={detail.record.version} recordHref={href} epaos={epaos} />
      )}
    </>
  );
}
