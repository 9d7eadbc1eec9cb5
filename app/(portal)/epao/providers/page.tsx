import type { Metadata } from "next";
import { LinksTable } from "@/components/links/links-table";
import { PendingRequestPanel } from "@/components/links/pending-request-panel";
import { NotificationBanner, PageHeading } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { listLinks } from "@/lib/links/service";

export const metadata: Metadata = { title: "Training providers" };

export default async function EpaoProvidersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireArea("epao");
  const [links, params] = await Promise.all([listLinks(actor), searchParams]);
  const pending = links.filter((l) => l.status === "requested");
  const active = links.filter((l) => l.status === "active");
  const history = links.filter((l) => l.status === "declined" || l.status === "ended");
  const banner = params.accepted
    ? `You have accepted the request from ${params.accepted}. They can now send you apprentice records for the linked standards.`
    : params.declined
      ? `You have declined the request from ${params.declined}. They can see your reason.`
      : params.ended
        ? `The link with ${params.ended} has ended.`
        : null;
  return (
    <>
      {banner ? (
        <NotificationBanner type="success" title="Success">
          <p>{banner}</p>
        </NotificationBanner>
      ) : null}
      <PageHeading
        caption={actor.organisationName}
        title="Training providers"
        description="Training providers ask to link with you for standards you assess. Once you accept, they can send you apprentice records for those standards."
      />

      <h2 className="mb-4 text-2xl font-bold">Requests waiting for a response ({pending.length})</h2>
      {pending.length === 0 ? (
        <p className="mb-8">No requests are waiting for a response.</p>
      ) : (
        pending.map((link) => <PendingRequestPanel key={link.id} link={link} />)
      )}

      <h2 className="mb-4 text-2xl font-bold">Active links ({active.length})</h2>
      <LinksTable caption="Active links" links={active} side="epao" variant="active" empty={<p>You have no active links with training providers.</p>} />

      <h2 className="mb-4 text-2xl font-bold">History</h2>
      <LinksTable caption="Declined and ended links" links={history} side="epao" variant="history" empty={<p>No declined or ended links.</p>} />
    </>
  );
}
