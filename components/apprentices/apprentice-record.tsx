import { ButtonLink, NotificationBanner, PageHeading, Panel, SummaryList, Table, Tag } from "@/components/ui";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { listFilterOptions, apprenticeTimeline, type ApprenticeDetail } from "@/lib/apprentices";
import { allowedChanges, STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/schema";
import { formatDate, formatDateTime } from "@/lib/format";
import Link from "next/link";
import { EventLines } from "@/components/activity/event-lines";
import { RecordTabs } from "@/components/assessment/record-tabs";
import { gatewayOverview, assessmentOverview } from "@/lib/assessment";
import { AssignAssessor } from "./assign-assessor";
import { CancelChangeButton } from "./cancel-change-button";
import { ProgressTracker } from "./progress-tracker";

const DONE_MESSAGES: Record<string, string> = {
  created: "The apprentice record has been created.",
  updated: "The record has been updated.",
  break: "The break in learning has been recorded.",
  withdrawn: "The apprentice has been withdrawn. The record is kept and is now read-only.",
  "change-requested": "The change of EPAO has been requested. The new EPAO needs to accept it.",
};

const dash = <span className="text-govuk-secondary">Not given</span>;

/** The live record: details, progress tracker, actions for the actor's role and the timeline of every event. */
export async function ApprenticeRecord({ actor, detail, basePath, done }: { actor: UserActor; detail: ApprenticeDetail; basePath: string; done?: string }) {
  const { record: r, standard, provider, epao, assessor } = detail;
  const isProvider = can(actor, "apprentices.manage");
  const isEpaoStaff = can(actor, "apprentices.assign");
  const allowed = allowedChanges(r.status);
  const [timeline, options, gateway, assessment] = await Promise.all([
    apprenticeTimeline(actor, r.id),
    isEpaoStaff ? listFilterOptions(actor) : Promise.resolve(null),
    gatewayOverview(actor, r.id),
    assessmentOverview(actor, r.id),
  ]);
  const current = assessment.attempts.find((a) => a.current) ?? null;
  const href = `${basePath}/${r.id}`;

  return (
    <>
      {done && DONE_MESSAGES[done] ? (
        <NotificationBanner type="success" title="Success">
          <p>{DONE_MESSAGES[done]}</p>
        </NotificationBanner>
      ) : null}
      {r.status === "withdrawn" ? (
        <NotificationBanner title="Withdrawn">
          <p>
            Withdrawn on {formatDate(r.withdrawnDate!)}: {r.withdrawalReason}. The record is kept for history and can no longer be changed.
          </p>
        </NotificationBanner>
      ) : null}
      {r.status === "on_break" ? (
        <NotificationBanner title="Break in learning">
          <p>
            On a break in learning since {formatDate(r.breakStartDate!)}; expected back {formatDate(r.breakExpectedReturnDate!)}.
          </p>
        </NotificationBanner>
      ) : null}
      {detail.pendingEpaoChange ? (
        <NotificationBanner title="Change of EPAO requested">
          <p>
            {isProvider ? "You asked" : `${provider.name} asked`} on {formatDateTime(detail.pendingEpaoChange.requestedAt)} to move this record to{" "}
            {detail.pendingEpaoChange.toName}: {detail.pendingEpaoChange.reason}. Waiting for {detail.pendingEpaoChange.toName} to accept.
          </p>
          {isProvider && can(actor, "apprentices.manage") ? <CancelChangeButton changeId={detail.pendingEpaoChange.id} /> : null}
        </NotificationBanner>
      ) : null}

      <PageHeading
        caption={`${standard.reference} ${standard.title} · Level ${standard.level}`}
        title={`${r.givenNames} ${r.familyName}`}
        actions={<Tag colour={STATUS_COLOURS[r.status]}>{STATUS_LABELS[r.status]}</Tag>}
      />
      <RecordTabs href={`${basePath}/${r.id}`} current="record" />
      <ProgressTracker status={r.status} statusBeforeBreak={r.statusBeforeBreak} />

      {isProvider && can(actor, "apprentices.manage") && r.status !== "withdrawn" ? (
        <div className="mb-8 flex flex-wrap gap-3" role="group" aria-label="Record actions">
          {allowed.edit ? (
            <ButtonLink href={`${href}/edit`} variant="secondary">
              Edit details
            </ButtonLink>
          ) : null}
          {allowed.startBreak ? (
            <ButtonLink href={`${href}/break`} variant="secondary">
              Record a break in learning
            </ButtonLink>
          ) : null}
          {allowed.resume ? (
            <ButtonLink href={`${href}/break`} variant="secondary">
              Return from break
            </ButtonLink>
          ) : null}
          {allowed.changeEpao && !detail.pendingEpaoChange ? (
            <ButtonLink href={`${href}/change-epao`} variant="secondary">
              Change EPAO
            </ButtonLink>
          ) : null}
          {allowed.withdraw ? (
            <ButtonLink href={`${href}/withdraw`} variant="warning">
              Withdraw
            </ButtonLink>
          ) : null}
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Panel title="Apprentice">
            <SummaryList
              rows={[
                { key: "ULN", value: <span className="font-mono">{r.uln}</span> },
                { key: "Given names", value: r.givenNames },
                { key: "Family name", value: r.familyName },
                ...(can(actor, "apprentices.personal") ? [{ key: "Date of birth", value: formatDate(r.dateOfBirth) }] : []),
                { key: "Email address", value: r.email ?? dash },
              ]}
            />
          </Panel>
          <Panel title="Apprenticeship">
            <SummaryList
              rows={[
                { key: "Standard", value: `${standard.reference} ${standard.title} (LARS ${standard.larsCode})` },
                { key: "Version", value: r.standardVersion },
                ...(standard.options.length ? [{ key: "Option", value: r.standardOption ?? dash }] : []),
                { key: "Start date", value: formatDate(r.startDate) },
                { key: "Planned end date", value: formatDate(r.plannedEndDate) },
                { key: "Training provider", value: `${provider.name} (UKPRN ${provider.code})` },
                { key: "EPAO", value: `${epao.name} (${epao.code})` },
                {
                  key: "Assessor",
                  value:
                    isEpaoStaff && options && allowed.assign ? (
                      <AssignAssessor apprenticeId={r.id} current={assessor?.id ?? null} assessors={options.assessors} />
                    ) : (
                      (assessor?.name ?? <span className="text-govuk-secondary">Not assigned yet</span>)
                    ),
                },
              ]}
            />
          </Panel>
          <Panel
            title="End-point assessment"
            actions={
              <Link className="text-brand-600 underline underline-offset-4" href={`${href}/assessment`}>
                Assessment and grades
              </Link>
            }
          >
            <SummaryList
              rows={[
                {
                  key: "Gateway",
                  value: gateway.openRound
                    ? `Round ${gateway.openRound.round} waiting for the EPAO's review`
                    : gateway.rounds[0]
                      ? `Round ${gateway.rounds[0].round} ${gateway.rounds[0].status}${gateway.rounds[0].reviewedAt ? ` on ${formatDate(gateway.rounds[0].reviewedAt)}` : ""}`
                      : gateway.missing.length > 0
                        ? `Not submitted: ${gateway.missing.length} mandatory ${gateway.missing.length === 1 ? "item" : "items"} missing`
                        : "Not submitted: evidence complete",
                },
                {
                  key: "Overall grade",
                  value: current?.confirmed
                    ? `${current.confirmed.overallGrade} (attempt ${current.number}, confirmed${current.confirmed.achievementDate ? `, achieved ${formatDate(current.confirmed.achievementDate)}` : ""})`
                    : current?.provisional?.status === "derived"
                      ? `${current.provisional.overall}, provisional (attempt ${current.number})`
                      : current
                        ? `Attempt ${current.number}: ${current.grades.length} of ${current.inScope.length} components graded`
                        : "Not assessed yet",
                },
                ...(assessment.appeals.some((a) => a.status === "open") ? [{ key: "Appeal", value: "Open: certification is paused" }] : []),
                ...(assessment.resitRequests.some((q) => q.status === "requested") ? [{ key: "Resit", value: "Requested, waiting for the EPAO" }] : []),
              ]}
            />
          </Panel>
          <Panel title="Employer">
            <SummaryList
              rows={[
                { key: "Employer", value: r.employerName },
                { key: "Contact", value: r.employerContactName ?? dash },
                ...(can(actor, "apprentices.personal") ? [{ key: "Contact email", value: r.employerContactEmail ?? dash }] : []),
                {
                  key: "Address",
                  value: [r.employerAddressLine1, r.employerAddressLine2, r.employerTown, r.employerPostcode].filter(Boolean).join(", ") || dash,
                },
              ]}
            />
          </Panel>
          {detail.epaoChanges.length > 0 ? (
            <Panel title="Change of EPAO history">
              <Table
                caption="Change of EPAO requests"
                captionHidden
                rows={detail.epaoChanges}
                rowKey={(c) => c.id}
                columns={[
                  { key: "when", header: "Requested", cell: (c) => formatDateTime(c.requestedAt) },
                  { key: "from", header: "From", cell: (c) => c.fromName },
                  { key: "to", header: "To", cell: (c) => c.toName },
                  {
                    key: "status",
                    header: "Outcome",
                    cell: (c) => <Tag colour={c.status === "accepted" ? "green" : c.status === "requested" ? "yellow" : "grey"}>{c.status}</Tag>,
                  },
                  { key: "reason", header: "Reason", cell: (c) => (c.declineReason ? `${c.reason} — declined: ${c.declineReason}` : c.reason) },
                ]}
              />
            </Panel>
          ) : null}
        </div>
        <Panel title="Timeline">
          {timeline.length === 0 ? (
            <p>No events yet.</p>
          ) : (
            <ol className="relative space-y-4 border-l-2 border-govuk-border pl-4" aria-label="Timeline of events, newest first">
              {timeline.map((event) => (
                <li key={event.id}>
                  <EventLines event={event} summaryClassName="font-bold" />
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>
    </>
  );
}
