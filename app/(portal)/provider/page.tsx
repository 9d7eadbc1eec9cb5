import type { Metadata } from "next";
import Link from "next/link";
import { formatCount, listHref, relativeDays } from "@/components/dashboard/format";
import { PlannedEndsPanel, RecordListPanel, firstOf, recordColumns } from "@/components/dashboard/record-list-panel";
import { ApprenticeDashboard, NoRecordsYet } from "@/components/dashboard/sections";
import { ButtonLink, Tag, linkClass } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { BREAK_RETURN_WINDOW_DAYS, providerDashboard, type BreakRecord } from "@/lib/dashboard";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Provider dashboard" };

const LIST = "/provider/apprentices";

function returnDue(days: number) {
  return (
    <>
      <span className="block text-sm text-govuk-secondary">due {relativeDays(days)}</span>
      {days < 0 ? (
        <span className="mt-1 block">
          <Tag colour="red">Overdue</Tag>
        </span>
      ) : null}
    </>
  );
}

const addButtons = (
  <>
    <ButtonLink href={`${LIST}/new`}>Add an apprentice</ButtonLink>
    <ButtonLink href={`${LIST}/upload`} variant="secondary">
      Upload a CSV file
    </ButtonLink>
  </>
);

export default async function ProviderHome() {
  const actor = await requireArea("provider");
  const d = await providerDashboard(actor);
  const breaksHref = listHref(LIST, { status: "on_break" });

  return (
    <ApprenticeDashboard
      actor={actor}
      actions={d.total > 0 ? addButtons : null}
      none={
        <NoRecordsYet action={addButtons}>
          <p>
            Add apprentices one at a time, or many at once from a CSV file. You can add a record for an EPAO you are linked with for that standard; if you are
            not linked yet,{" "}
            <Link className={linkClass} href="/provider/epaos">
              request a link with an EPAO
            </Link>{" "}
            first.
          </p>
        </NoRecordsYet>
      }
      listPath={LIST}
      counts={d}
      chart={{ title: "Records by EPAO and status", rowHeader: "EPAO", rowNoun: "EPAOs", filter: "epao" }}
      groups={d.byEpao.map((e) => ({ key: e.epaoId, label: e.name, byStatus: e.byStatus }))}
    >
      <RecordListPanel<BreakRecord>
        title="Breaks in learning"
        actions={
          d.byStatus.on_break > 0 ? (
            <Link className={linkClass} href={breaksHref}>
              View all records on a break ({formatCount(d.byStatus.on_break)})
            </Link>
          ) : null
        }
        count={d.breaksEndingSoon.count}
        empty={
          d.byStatus.on_break === 0
            ? "No apprentices are on a break in learning."
            : `No apprentice on a break is expected back in the next ${BREAK_RETURN_WINDOW_DAYS} days.`
        }
        intro={
          <>
            Apprentices on a break who were due back already or are due back by {formatDate(d.breaksEndingSoon.window.to)}, most overdue first
            {firstOf(d.breaksEndingSoon.count)}. Record their return, or update the expected return date, on the record.
          </>
        }
        caption="Breaks in learning ending soon or overdue, most overdue first"
        rows={d.breaksEndingSoon.records}
        columns={[
          ...recordColumns<BreakRecord>(LIST, "epao"),
          { key: "start", header: "Break started", cell: (r) => (r.breakStartDate ? formatDate(r.breakStartDate) : "Not recorded") },
          {
            key: "return",
            header: "Expected return",
            cell: (r) => (
              <>
                {formatDate(r.breakExpectedReturnDate)}
                {returnDue(r.daysToReturn)}
              </>
            ),
          },
        ]}
      />

      <PlannedEndsPanel viewer="provider" listPath={LIST} list={d.plannedEndsSoon} />
    </ApprenticeDashboard>
  );
}
