import type { ReactNode } from "react";
import { NameCell, Table, type TableColumn } from "@/components/ui";
import { StandardList } from "@/components/standards/standard-list";
import { formatDate } from "@/lib/format";
import type { LinkSide, LinkSummary } from "@/lib/links";
import { EndLinkButton } from "./end-link-button";
import { LinkStatusTag } from "./link-status-tag";

type Props = {
  caption: string;
  links: LinkSummary[];
  /** The viewer's side: providers see EPAOs, EPAOs see training providers. */
  side: LinkSide;
  variant: "pending" | "active" | "history";
  empty: ReactNode;
};

/** A date and, under it, who did it. */
function dated(date: Date | string, name: string | null) {
  return (
    <>
      {formatDate(date)}
      {name ? <span className="block text-sm text-govuk-secondary">by {name}</span> : null}
    </>
  );
}

/** Links with the other organisation, its code, the standards covered, dates, who, and the actions that fit. */
export function LinksTable({ caption, links, side, variant, empty }: Props) {
  const columns: TableColumn<LinkSummary>[] = [
    {
      key: "organisation",
      header: side === "provider" ? "EPAO" : "Training provider",
      rowHeader: true,
      cell: (l) => <NameCell name={l.other.name} detail={side === "provider" ? `EPAO ID ${l.other.code}` : `UKPRN ${l.other.code}`} />,
    },
    {
      key: "standards",
      header: "Standards",
      cell: (l) => <StandardList standards={l.standards} />,
    },
  ];

  if (variant === "pending") {
    columns.push({
      key: "requested",
      header: "Requested",
      cell: (l) => dated(l.requestedAt, l.requestedBy),
    });
  } else if (variant === "active") {
    columns.push({
      key: "since",
      header: "Linked since",
      cell: (l) => (l.respondedAt ? dated(l.respondedAt, l.respondedBy) : null),
    });
  } else {
    columns.push(
      {
        key: "outcome",
        header: "Outcome",
        cell: (l) => (
          <>
            <LinkStatusTag status={l.status} />
            {l.status === "declined" && l.declineReason ? <span className="mt-1 block text-sm">Reason: {l.declineReason}</span> : null}
            {l.status === "ended" && !l.respondedAt ? <span className="mt-1 block text-sm">Request cancelled</span> : null}
          </>
        ),
      },
      {
        key: "requested",
        header: "Requested",
        cell: (l) => dated(l.requestedAt, l.requestedBy),
      },
      {
        key: "closed",
        header: "Closed",
        cell: (l) => (l.status === "ended" && l.endedAt ? dated(l.endedAt, l.endedBy) : l.respondedAt ? dated(l.respondedAt, l.respondedBy) : null),
      },
    );
  }

  const withActions = variant === "active" || (variant === "pending" && side === "provider");
  if (withActions) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      cell: (l) => <EndLinkButton linkId={l.id} version={l.version} otherName={l.other.name} kind={variant === "pending" ? "cancel" : "end"} side={side} />,
    });
  }

  return <Table caption={caption} captionHidden rows={links} rowKey={(l) => l.id} columns={columns} empty={empty} />;
}
