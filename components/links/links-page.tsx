import type { ReactNode } from "react";
import { ButtonLink, NotificationBanner, PageHeading } from "@/components/ui";
import { listLinks, type LinkSummary } from "@/lib/links";
import { requireArea } from "@/lib/session";
import { LinksTable } from "./links-table";
import { PendingRequestPanel } from "./pending-request-panel";

type Side = "epao" | "provider";

/** How each side's links page reads: the EPAO answers requests, the training provider makes them. */
const PAGES: Record<
  Side,
  {
    title: string;
    description: string;
    actions?: ReactNode;
    /** The success message after a change, by the query parameter that names the other organisation. */
    messages: Record<string, (name: string) => string>;
    pending: (requested: LinkSummary[]) => ReactNode;
    activeEmpty: string;
  }
> = {
  epao: {
    title: "Training providers",
    description: "Training providers ask to link with you for standards you assess. Once you accept, they can send you apprentice records for those standards.",
    messages: {
      accepted: (name) => `You have accepted the request from ${name}. They can now send you apprentice records for the linked standards.`,
      declined: (name) => `You have declined the request from ${name}. They can see your reason.`,
    },
    pending: (requested) => (
      <>
        <h2 className="mb-4 text-2xl font-bold">Requests waiting for a response ({requested.length})</h2>
        {requested.length === 0 ? (
          <p className="mb-8">No requests are waiting for a response.</p>
        ) : (
          requested.map((link) => <PendingRequestPanel key={link.id} link={link} />)
        )}
      </>
    ),
    activeEmpty: "You have no active links with training providers.",
  },
  provider: {
    title: "EPAOs",
    description: "Link with the end-point assessment organisations (EPAOs) that assess your apprentices. An EPAO accepts a link for the standards it assesses.",
    actions: <ButtonLink href="/provider/epaos/new">Request a link</ButtonLink>,
    messages: {
      requested: (name) => `Your request has been sent to ${name}. Once they accept it, you can send them apprentice records for the standards you chose.`,
      cancelled: (name) => `Your request to ${name} has been cancelled.`,
    },
    pending: (requested) => (
      <>
        <h2 className="mb-4 text-2xl font-bold">Pending requests ({requested.length})</h2>
        <LinksTable caption="Pending requests" links={requested} side="provider" variant="pending" empty={<p>You have no pending requests.</p>} />
      </>
    ),
    activeEmpty: "You have no active links with EPAOs yet.",
  },
};

/**
 * The success message after a change to a link, from the page's query (`?accepted=Name`, …): the first of
 * `messages` whose parameter is set, else "The link with Name has ended." after `?ended=Name`, else none.
 */
export function linkChangeMessage(params: Record<string, string | undefined>, messages: Record<string, (name: string) => string>): string | null {
  for (const [key, message] of Object.entries({ ...messages, ended: (name: string) => `The link with ${name} has ended.` })) {
    const name = params[key];
    if (name) return message(name);
  }
  return null;
}

/**
 * The page of a side's links with the other side (the EPAO's training providers, the provider's EPAOs): a banner
 * after a change, the requests still open, active links, and the history of declined and ended ones.
 */
export function linksPage(side: Side) {
  const page = PAGES[side];
  return async function LinksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
    const actor = await requireArea(side);
    const [links, params] = await Promise.all([listLinks(actor), searchParams]);
    const message = linkChangeMessage(params, page.messages);
    const active = links.filter((l) => l.status === "active");
    const history = links.filter((l) => l.status === "declined" || l.status === "ended");
    return (
      <>
        {message ? (
          <NotificationBanner type="success" title="Success">
            <p>{message}</p>
          </NotificationBanner>
        ) : null}
        <PageHeading caption={actor.organisationName} title={page.title} description={page.description} actions={page.actions} />

        {page.pending(links.filter((l) => l.status === "requested"))}

        <h2 className="mb-4 text-2xl font-bold">Active links ({active.length})</h2>
        <LinksTable caption="Active links" links={active} side={side} variant="active" empty={<p>{page.activeEmpty}</p>} />

        <h2 className="mb-4 text-2xl font-bold">History</h2>
        <LinksTable caption="Declined and ended links" links={history} side={side} variant="history" empty={<p>No declined or ended links.</p>} />
      </>
    );
  };
}
