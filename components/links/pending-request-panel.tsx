import { Panel, SummaryList } from "@/components/ui";
import { formatDateTime } from "@/lib/format";
import type { LinkSummary } from "@/lib/links";
import { RespondToLinkForm } from "./respond-to-link-form";

/** One training provider's pending request, as the EPAO sees it, with the form to answer it. */
export function PendingRequestPanel({ link }: { link: LinkSummary }) {
  return (
    <Panel title={link.other.name} headingLevel={3}>
      <SummaryList
        rows={[
          { key: "UKPRN", value: link.other.code },
          {
            key: "Standards",
            value: (
              <ul>
                {link.standards.map((s) => (
                  <li key={s.id}>
                    <span className="font-bold">{s.reference}</span> {s.title}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: "Message",
            value: link.message ? <span className="whitespace-pre-line">{link.message}</span> : <span className="text-govuk-secondary">None</span>,
          },
          { key: "Requested", value: `${formatDateTime(link.requestedAt)}${link.requestedBy ? ` by ${link.requestedBy}` : ""}` },
        ]}
      />
      <RespondToLinkForm linkId={link.id} version={link.version} providerName={link.other.name} />
    </Panel>
  );
}
