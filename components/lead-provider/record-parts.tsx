import type { ReactNode } from "react";
import { NotificationBanner, Panel, Table, type TableColumn } from "@/components/ui";
import { formatDate } from "@/lib/format";

/** The success banner after an action on a record (`?done=accepted`, …), when `done` names one of `messages`. */
export function DoneBanner({ messages, done }: { messages: Record<string, string>; done: string | undefined }) {
  return done && messages[done] ? (
    <NotificationBanner type="success">
      <p>{messages[done]}</p>
    </NotificationBanner>
  ) : null;
}

/** A schedule as a choice: "Name (identifier, from 1 September 2025)", the date being its start milestone's. */
export function scheduleLabel(s: { name: string; identifier: string; milestones: { declarationType: string; startDate: string }[] }): string {
  const start = s.milestones.find((m) => m.declarationType === "started")?.startDate;
  return `${s.name} (${s.identifier}${start ? `, from ${formatDate(start)}` : ""})`;
}

/** A panel holding one table that its title names (the caption is for screen readers only). */
export function PanelTable<T extends { id: string }>({
  title,
  rows,
  empty,
  columns,
}: {
  title: string;
  rows: T[];
  empty: ReactNode;
  columns: TableColumn<T>[];
}) {
  return (
    <Panel title={title}>
      <Table caption={title} captionHidden rows={rows} rowKey={(r) => r.id} empty={<p className="py-2">{empty}</p>} columns={columns} />
    </Panel>
  );
}
