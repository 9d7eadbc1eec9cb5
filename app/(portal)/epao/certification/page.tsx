import type { Metadata } from "next";
import Link from "next/link";
import { RunClaimsNowButton } from "@/components/certification/claim-controls";
import { QueueSection, queueLinkClass } from "@/components/queues/queue-section";
import { NotificationBanner, PageHeading, Pagination, StatCard, StatCardGroup, Tag } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { esfaKeyStatus, certificationErrors, claimRuns, upcomingClaims } from "@/lib/certification";
import { formatDate, formatDateTime } from "@/lib/format";
import { searchPage } from "@/lib/validation";

export const metadata: Metadata = { title: "Certification" };

const STATE_LABELS = {
  pending: "Counting down",
  queued: "Queued",
  in_flight: "Being claimed",
  claimed: "Claimed",
  error: "Error",
  cancelled: "Cancelled",
} as const;
const STATE_COLOURS = { pending: "blue", queued: "yellow", in_flight: "purple", claimed: "green", error: "red", cancelled: "grey" } as const;

/** The EPAO's certification: whether claims are on, upcoming claims by date, paused countdowns, errors and runs. */
export default async function CertificationPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireArea("epao");
  const { page } = await searchParams;
  const [key, upcoming, errors, runs] = await Promise.all([
    esfaKeyStatus(actor),
    upcomingClaims(actor, { page: searchPage().parse(page) }),
    certificationErrors(actor),
    claimRuns(actor, { limit: 10 }),
  ]);
  const claimsOff = !key.configured
    ? "No ESFA API key has been activated."
    : key.status === "rejected"
      ? `ESFA rejected the key ending ${key.lastFour}: ${key.statusMessage ?? "replace it"}.`
      : null;
  const dueNow = upcoming.rows.filter((r) => r.daysLeft === 0).length;
  const toRecord = { href: (r: { apprenticeId: string }) => `/epao/apprentices/${r.apprenticeId}`, text: (r: { name: string }) => r.name };
  return (
    <>
      {claimsOff ? (
        <NotificationBanner title="Certificate claims are off">
          <p>
            {claimsOff} Nothing is claimed until an EPAO admin activates a valid key in{" "}
            <Link className={queueLinkClass} href="/epao/certification/settings">
              Certification settings
            </Link>
            .
          </p>
        </NotificationBanner>
      ) : null}
      <PageHeading
        title="Certification"
        description="Certificates are claimed from ESFA automatically when their claim date comes: the highest grade after the days you set, other grades after the appeal period. Runs happen every morning; you can run them now."
      />
      <p className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
        <Link className={queueLinkClass} href="/epao/certification/settings">
          Certification settings (ESFA key, countdown)
        </Link>
        <Link className={queueLinkClass} href="/epao/certification/addresses">
          Certificate posting addresses
        </Link>
        <Link className={queueLinkClass} href="/epao/certification/errors">
          Certification errors
        </Link>
      </p>
      <StatCardGroup>
        <StatCard label="Upcoming claims" value={upcoming.total} href="#upcoming" />
        <StatCard label="Due today or overdue" value={dueNow} href="#upcoming" />
        <StatCard label="Paused" value={upcoming.paused.length} href="#paused" />
        <StatCard label="Errors" value={errors.length} href="/epao/certification/errors" />
      </StatCardGroup>
      <RunClaimsNowButton disabled={Boolean(claimsOff)} />

      <QueueSection
        id="upcoming"
        heading="Upcoming claims"
        headingClassName="mt-6"
        empty="No confirmed grade is counting down to a claim."
        caption="Upcoming claims, by claim date"
        rows={upcoming.rows}
        rowKey={(r) => r.apprenticeId}
        link={toRecord}
        columns={[
          { key: "grade", header: "Grade", cell: (r) => `${r.grade}${r.highestGrade ? " (highest)" : ""}` },
          { key: "confirmed", header: "Confirmed", cell: (r) => formatDate(r.confirmedOn) },
          { key: "claim", header: "Claim date", cell: (r) => formatDate(r.claimDate) },
          { key: "left", header: "Days left", cell: (r) => (r.daysLeft === 0 ? <Tag colour="yellow">Due</Tag> : r.daysLeft), numeric: true },
          { key: "state", header: "Claim", cell: (r) => <Tag colour={STATE_COLOURS[r.state]}>{STATE_LABELS[r.state]}</Tag> },
        ]}
        after={
          <Pagination
            page={upcoming.page}
            totalPages={upcoming.pages}
            hasNext={upcoming.page < upcoming.pages}
            hrefFor={(p) => `/epao/certification?page=${p}`}
            label="Upcoming claims pages"
          />
        }
      />

      <QueueSection
        id="paused"
        heading="Paused countdowns"
        headingClassName="mt-6"
        empty="No countdown is paused."
        caption="Paused countdowns"
        rows={upcoming.paused}
        rowKey={(r) => r.apprenticeId}
        link={toRecord}
        columns={[
          { key: "grade", header: "Grade", cell: (r) => r.grade },
          { key: "why", header: "Paused by", cell: (r) => r.label },
          { key: "since", header: "Since", cell: (r) => formatDate(r.since) },
          { key: "left", header: "Days left when it resumes", cell: (r) => r.remainingDays, numeric: true },
        ]}
      />

      <QueueSection
        heading="Recent runs"
        headingClassName="mt-6"
        empty={<p>No claims run has happened yet.</p>}
        caption="Recent claims runs"
        rows={runs}
        rowKey={(r) => r.id}
        link={{ key: "when", header: "Run", href: (r) => `/epao/certification/runs/${r.id}`, text: (r) => formatDateTime(r.startedAt ?? r.runAt) }}
        columns={[
          { key: "by", header: "Run by", cell: (r) => (r.requestedBy === "schedule" ? "Daily schedule" : r.requestedBy) },
          {
            key: "status",
            header: "Status",
            cell: (r) => (
              <Tag colour={r.status === "succeeded" ? "green" : r.status === "failed" ? "red" : "blue"}>{r.status === "succeeded" ? "Done" : r.status}</Tag>
            ),
          },
          { key: "result", header: "Result", cell: (r) => r.result?.claims?.message ?? r.result?.error ?? r.lastError ?? "" },
        ]}
      />
    </>
  );
}
