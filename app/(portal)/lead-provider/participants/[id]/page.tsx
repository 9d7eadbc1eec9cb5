import type { Metadata } from "next";
import Link from "next/link";
import { or404 } from "@/lib/entry";
import {
  ChangeScheduleForm,
  DeclarationForm,
  DeferForm,
  ResumeButton,
  VoidDeclarationButton,
  WithdrawForm,
  type DeclarableEnrolment,
} from "@/components/npq/participant-forms";
import { DoneBanner, PanelTable, scheduleLabel } from "@/components/lead-provider/record-parts";
import { linkClass, PageHeading, Panel, SummaryList } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { leadProviderActorFromUser, listDeliveryPartners } from "@/lib/dfe";
import { formatDate, formatDateTime } from "@/lib/format";
import { londonDate } from "@/lib/calendar";
import {
  listDeclarations,
  NPQ_DECLARATION_TYPES,
  listParticipantOutcomes,
  getParticipant,
  courseSchedules,
  portalPagination,
  DELIVERY_PARTNER_FROM_COHORT,
  FUNDING_CAP_FROM_COHORT,
  listStatements,
} from "@/lib/npq";
import { courseLabel, declarationTypeLabel, reasonLabel, statementLabel, yesNo } from "@/components/npq/labels";
import { DeclarationStateTag, OutcomeStateTag, TrainingStatusTag } from "@/components/npq/tags";
import { DEFERRAL_REASONS, WITHDRAWAL_REASONS } from "@/lib/domain";

export const metadata: Metadata = { title: "NPQ participant" };

const DONE: Record<string, string> = {
  deferred: "The participant's training has been deferred.",
  resumed: "The participant's training has resumed.",
  withdrawn: "The participant has been withdrawn from the course.",
  schedule: "The schedule has been changed.",
  declared: "The declaration has been submitted.",
  voided: "The declaration has been voided.",
};

/** Declaration states that can still be voided (DfE: not voided, awaiting clawback or clawed back). */
const VOIDABLE = ["submitted", "eligible", "payable", "paid", "ineligible"];

const notGiven = <span className="text-govuk-secondary">Not given</span>;

function windowText(m: { startDate: string; milestoneDate: string | null }): string {
  return m.milestoneDate ? `${formatDate(m.startDate)} to ${formatDate(m.milestoneDate)}` : `from ${formatDate(m.startDate)}`;
}

export default async function ParticipantPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const user = await requireArea("lead-provider");
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const actor = leadProviderActorFromUser(user);
  const { participant: p, enrolments, idChanges } = await or404(getParticipant(actor, id));
  const href = `/lead-provider/participants/${p.id}`;
  const cohorts = [...new Set(enrolments.map((e) => e.application.cohort))];
  const all = portalPagination(1, 3000);

  const [declarations, outcomes, statements, schedulesByEnrolment, partnersByCohort] = await Promise.all([
    listDeclarations(actor, { pagination: all, participantIds: [p.id] }),
    listParticipantOutcomes(actor, p.id),
    listStatements(actor, { pagination: all, cohorts }),
    Promise.all(enrolments.map((e) => courseSchedules(user, e.application.courseIdentifier, e.application.cohort))),
    Promise.all(cohorts.map(async (cohort) => [cohort, await listDeliveryPartners(actor, { pagination: all, cohorts: [cohort] })] as const)),
  ]);
  const statementById = new Map(statements.map((s) => [s.id, s]));
  const partners = new Map(partnersByCohort);

  const declarable: DeclarableEnrolment[] = enrolments.map(({ application: a, scheduleIdentifier }, index) => {
    const schedule = schedulesByEnrolment[index]!.find((s) => s.identifier === scheduleIdentifier);
    return {
      courseIdentifier: a.courseIdentifier,
      label: `${courseLabel(a.courseIdentifier)}, cohort ${a.cohort}`,
      partnerRequired: a.cohort >= DELIVERY_PARTNER_FROM_COHORT && a.teacherCatchment !== false,
      partners: (partners.get(a.cohort) ?? []).map((dp) => ({ value: dp.id, label: dp.name })),
      // Without a schedule (DfE then refuses any declaration) every NPQ type is offered, so its message can be seen.
      types:
        schedule && schedule.milestones.length > 0
          ? schedule.milestones.map((m) => ({ type: m.declarationType, window: windowText(m) }))
          : NPQ_DECLARATION_TYPES.map((type) => ({ type, window: "" })),
    };
  });

  const statementLink = (statementId: string | null) => {
    if (!statementId) return null;
    const s = statementById.get(statementId);
    return (
      <Link className={linkClass} href={`/lead-provider/statements/${statementId}`}>
        {s ? `${statementLabel(s)} (cohort ${s.cohort})` : "Statement"}
      </Link>
    );
  };

  return (
    <>
      <DoneBanner messages={DONE} done={done} />
      <PageHeading caption="Participant" title={p.fullName} />

      <Panel title="Details">
        <SummaryList
          rows={[
            { key: "Participant id", value: <code className="break-all">{p.id}</code> },
            {
              key: "Teacher reference number (TRN)",
              value: p.trn ? `${p.trn}${p.trnValidated ? " (validated)" : " (not validated: not shown in the API)"}` : notGiven,
            },
            { key: "Email", value: p.email ?? notGiven },
            ...(p.previousNames.length ? [{ key: "Previous names", value: p.previousNames.join(", ") }] : []),
            ...(idChanges.length
              ? [
                  {
                    key: "Participant id changes",
                    value: (
                      <ul className="flex flex-col gap-1">
                        {idChanges.map((c) => (
                          <li key={c.id}>
                            <code className="break-all">{c.fromParticipantId}</code> replaced by <code className="break-all">{c.toParticipantId}</code> on{" "}
                            {formatDate(c.createdAt)}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Panel>

      <h2 className="mb-4 text-2xl font-bold">Courses</h2>
      {enrolments.map(({ application: a, scheduleIdentifier }, index) => {
        const schedules = schedulesByEnrolment[index]!;
        const current = schedules.find((s) => s.identifier === scheduleIdentifier);
        const common = { participantId: p.id, enrolmentKey: a.id, courseIdentifier: a.courseIdentifier, href };
        const status = a.trainingStatus ?? "active";
        return (
          <Panel key={a.id} headingLevel={3} title={`${courseLabel(a.courseIdentifier)}, cohort ${a.cohort}`}>
            <div className="grid gap-6 lg:grid-cols-2">
              <SummaryList
                className="mb-0"
                rows={[
                  { key: "Course identifier", value: <code>{a.courseIdentifier}</code> },
                  { key: "Training status", value: <TrainingStatusTag value={status} /> },
                  ...(status === "deferred" && a.deferralReason
                    ? [{ key: "Deferred", value: `${reasonLabel(a.deferralReason)}${a.deferredAt ? `, ${formatDate(a.deferredAt)}` : ""}` }]
                    : []),
                  ...(status === "withdrawn" && a.withdrawalReason
                    ? [{ key: "Withdrawn", value: `${reasonLabel(a.withdrawalReason)}${a.withdrawnAt ? `, ${formatDate(a.withdrawnAt)}` : ""}` }]
                    : []),
                  { key: "Schedule", value: current ? `${current.name} (${current.identifier})` : (scheduleIdentifier ?? notGiven) },
                  { key: "Eligible for funding", value: yesNo(a.eligibleForFunding) },
                  ...(a.cohort >= FUNDING_CAP_FROM_COHORT ? [{ key: "Funded place", value: yesNo(a.fundedPlace) }] : []),
                  { key: "Enrolled", value: a.acceptedAt ? formatDate(a.acceptedAt) : notGiven },
                  {
                    key: "Application",
                    value: (
                      <Link className={linkClass} href={`/lead-provider/applications/${a.id}`}>
                        View the application<span className="sr-only"> for {a.courseIdentifier}</span>
                      </Link>
                    ),
                  },
                ]}
              />
              <div className="flex flex-col gap-6">
                {status === "active" ? <DeferForm {...common} reasons={DEFERRAL_REASONS.map((r) => ({ value: r, label: reasonLabel(r) }))} /> : null}
                {status !== "active" ? <ResumeButton participantId={p.id} courseIdentifier={a.courseIdentifier} href={href} /> : null}
                {status !== "withdrawn" ? <WithdrawForm {...common} reasons={WITHDRAWAL_REASONS.map((r) => ({ value: r, label: reasonLabel(r) }))} /> : null}
                {status !== "withdrawn" ? (
                  <ChangeScheduleForm
                    {...common}
                    schedules={schedules.filter((s) => s.identifier !== scheduleIdentifier).map((s) => ({ value: s.identifier, label: scheduleLabel(s) }))}
                  />
                ) : null}
              </div>
            </div>
          </Panel>
        );
      })}

      <PanelTable
        title="Declarations"
        rows={declarations}
        empty="No declarations yet."
        columns={[
          { key: "type", header: "Type", rowHeader: true, cell: (d) => declarationTypeLabel(d.declarationType) },
          { key: "course", header: "Course", cell: (d) => <code className="text-sm">{d.courseIdentifier}</code> },
          { key: "date", header: "Declaration date", cell: (d) => formatDate(londonDate(d.declarationDate)) },
          {
            key: "state",
            header: "State",
            cell: (d) => (
              <>
                <DeclarationStateTag value={d.state} />
                {d.ineligibleForFundingReason ? (
                  <span className="mt-1 block text-sm text-govuk-secondary">{reasonLabel(d.ineligibleForFundingReason.replace(/_/g, "-"))}</span>
                ) : null}
              </>
            ),
          },
          {
            key: "partner",
            header: "Delivery partner",
            cell: (d) =>
              d.deliveryPartnerName ? (
                <>
                  {d.deliveryPartnerName}
                  {d.secondaryDeliveryPartnerName ? <span className="block text-sm text-govuk-secondary">and {d.secondaryDeliveryPartnerName}</span> : null}
                </>
              ) : (
                notGiven
              ),
          },
          {
            key: "statement",
            header: "Statement",
            cell: (d) => (
              <>
                {statementLink(d.statementId)}
                {d.clawbackStatementId ? <span className="mt-1 block text-sm">Clawback: {statementLink(d.clawbackStatementId)}</span> : null}
              </>
            ),
          },
          {
            key: "outcome",
            header: "Outcome",
            cell: (d) => (d.outcomeState ? <OutcomeStateTag value={d.outcomeState} /> : null),
          },
          {
            key: "actions",
            header: <span className="sr-only">Actions</span>,
            cell: (d) =>
              VOIDABLE.includes(d.state) ? (
                <VoidDeclarationButton
                  declarationId={d.id}
                  paid={d.state === "paid"}
                  context={`the ${declarationTypeLabel(d.declarationType)} declaration for ${d.courseIdentifier}`}
                  href={href}
                />
              ) : null,
          },
        ]}
      />

      <Panel title="Submit a declaration">
        <DeclarationForm participantId={p.id} href={href} enrolments={declarable} />
      </Panel>

      <PanelTable
        title="Outcomes"
        rows={outcomes}
        empty="No outcomes yet: a completed declaration records one."
        columns={[
          { key: "course", header: "Course", rowHeader: true, cell: (o) => <code className="text-sm">{o.courseIdentifier}</code> },
          { key: "state", header: "Outcome", cell: (o) => <OutcomeStateTag value={o.state} /> },
          { key: "completed", header: "Completion date", cell: (o) => formatDate(o.completionDate) },
          { key: "recorded", header: "Recorded", cell: (o) => formatDateTime(o.createdAt) },
        ]}
      />
    </>
  );
}
