import Link from "next/link";
import type { ReactNode } from "react";
import { Panel, Table, linkClass, type TableColumn } from "@/components/ui";
import { formatDate } from "@/lib/format";
import { GATEWAY_WINDOW_DAYS, LIST_LIMIT } from "@/lib/dashboard";
import { endingWithinHref, formatCount, relativeDays } from "./format";
import { ApprenticeCell, StandardCell } from "./record-cells";

/** " (the first 10 of 37)" when a dashboard list shows only the first LIST_LIMIT of `count` records, else "". */
export function firstOf(count: number): string {
  return count > LIST_LIMIT ? ` (the first ${LIST_LIMIT} of ${formatCount(count)})` : "";
}

/** "View all 37" linking to the full list, with what they are for screen readers. */
export function ViewAllLink({ href, count, what }: { href: string; count: number; what: string }) {
  return (
    <Link className={linkClass} href={href}>
      View all {formatCount(count)}
      <span className="sr-only"> {what}</span>
    </Link>
  );
}

/**
 * A dashboard panel listing the first records of a queue: the `empty` text while there are none, else the `intro`
 * and a table (its caption for screen readers only: the panel's title names it).
 */
export function RecordListPanel<T extends { id: string }>({
  title,
  actions,
  count,
  empty,
  intro,
  caption,
  rows,
  columns,
}: {
  title: string;
  actions: ReactNode;
  count: number;
  empty: ReactNode;
  intro: ReactNode;
  caption: string;
  rows: T[];
  columns: TableColumn<T>[];
}) {
  return (
    <Panel title={title} actions={actions}>
      {count === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <p className="mb-4">{intro}</p>
          <Table className="mb-0" caption={caption} captionHidden rows={rows} rowKey={(r) => r.id} columns={columns} />
        </>
      )}
    </Panel>
  );
}

type RecordRow = { id: string; givenNames: string; familyName: string; uln: string; standardReference: string; standardTitle: string };

/**
 * The first columns of every dashboard list: the apprentice (linking to their record under `listPath`), the standard,
 * and the other party to the record (the training provider on the EPAO's dashboard, the EPAO on the provider's).
 */
export function recordColumns<T extends RecordRow & { providerName?: string; epaoName?: string }>(
  listPath: string,
  party: "provider" | "epao",
): TableColumn<T>[] {
  return [
    { key: "name", header: "Apprentice", rowHeader: true, cell: (r) => <ApprenticeCell href={`${listPath}/${r.id}`} {...r} /> },
    { key: "standard", header: "Standard", cell: (r) => <StandardCell reference={r.standardReference} title={r.standardTitle} /> },
    party === "provider"
      ? { key: "provider", header: "Training provider", cell: (r) => r.providerName }
      : { key: "epao", header: "EPAO", cell: (r) => r.epaoName },
  ];
}

/** The planned end date with how far off it is underneath. */
export function plannedEndColumn<T extends { plannedEndDate: string; daysToGo: number }>(): TableColumn<T> {
  return {
    key: "end",
    header: "Planned end date",
    cell: (r) => (
      <>
        {formatDate(r.plannedEndDate)}
        <span className="block text-sm text-govuk-secondary">{relativeDays(r.daysToGo)}</span>
      </>
    ),
  };
}

type PlannedEndRow = RecordRow & { providerName?: string; epaoName?: string; plannedEndDate: string; daysToGo: number };

/** How each dashboard words its list of records in training ending soon (the EPAO sees gateways coming). */
const PLANNED_END_WORDS = {
  epao: {
    title: "Upcoming gateways",
    what: "upcoming gateways",
    noun: "records",
    Noun: "Records",
    advice: "Plan assessors and bookings for them.",
    caption: "Upcoming gateways, soonest first",
    party: "provider",
  },
  provider: {
    title: "Planned end dates soon",
    what: "with planned end dates soon",
    noun: "apprentices",
    Noun: "Apprentices",
    advice: "Get their gateway evidence ready, or update the planned end date if it has moved.",
    caption: "Apprentices in training with planned end dates soon, soonest first",
    party: "epao",
  },
} as const;

/** The records in training whose planned end date falls within GATEWAY_WINDOW_DAYS, soonest first, on the `viewer`'s dashboard. */
export function PlannedEndsPanel<T extends PlannedEndRow>({
  viewer,
  listPath,
  list,
}: {
  viewer: keyof typeof PLANNED_END_WORDS;
  listPath: string;
  list: { count: number; window: { from: string; to: string }; records: T[] };
}) {
  const words = PLANNED_END_WORDS[viewer];
  return (
    <RecordListPanel
      title={words.title}
      actions={list.count > 0 ? <ViewAllLink href={endingWithinHref(listPath, list.window)} count={list.count} what={words.what} /> : null}
      count={list.count}
      empty={`No ${words.noun} in training have a planned end date in the next ${GATEWAY_WINDOW_DAYS} days.`}
      intro={
        <>
          {words.Noun} in training with a planned end date by {formatDate(list.window.to)}, soonest first
          {firstOf(list.count)}. {words.advice}
        </>
      }
      caption={words.caption}
      rows={list.records}
      columns={[...recordColumns<T>(listPath, words.party), plannedEndColumn<T>()]}
    />
  );
}
