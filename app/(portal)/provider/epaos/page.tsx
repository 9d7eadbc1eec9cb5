import type { Metadata } from "next";
import { LinksTable } from "@/components/links/links-table";
import { ButtonLink, NotificationBanner, PageHeading } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { listLinks } from "@/lib/links/service";

export const metadata: Metadata = { title: "EPAOs" };

export default async function ProviderEpaosPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireArea("provider");
  const [links, params] = await Promise.all([listLinks(actor), searchParams]);
  const pending = links.filter((l) => l.status === "requested");
  const active = links.filter((l) => l.status === "active");
  const history = links.filter((l) => l.status === "declined" || l.status === "ended");
  const banner = params.requested
    ? `Your request has been sent to ${params.requested}. Once they accept it, you can send them apprentice records for the standards you chose.`
    : params.cancelled
      ? `Your request to ${params.cancelled} has been cancelled.`
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
        title="EPAOs"
        description="Link with the end-point assessment organisations (EPAOs) that assess your apprentices. An EPAO accepts a link for the standards it assesses."
        actions={<ButtonLink href="/provider/epaos/new">Request a link</ButtonLink>}
      />

      <h2 className="mb-4 text-2xl font-bold">Pending requests ({pending.length})</h2>
      <LinksTable caption="Pending requests" links={pending} side="provider" variant="pending" empty={<p>You have no pending requests.</p>} />

      <h2 className="mb-4 text-2xl font-bold">Active links ({active.length})</h2>
      <LinksTable caption="Active links" links={active} side="provider" variant="active" empty={<p>You have no active links with EPAOs yet.</p>} />

      <h2 className="mb-4 text-2xl font-bold">History</h2>
      <LinksTable caption="Declined and ended links" links={history} side="provider" variant="history" empty={<p>No declined or ended links.</p>} />
    </>
  );
}
