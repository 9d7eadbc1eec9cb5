import type { Metadata } from "next";
import { AcceptApplicationForm, FundedPlaceForm, RejectApplicationButton } from "@/components/npq/application-forms";
import { or404 } from "@/lib/entry";
import { DoneBanner, scheduleLabel } from "@/components/lead-provider/record-parts";
import { ButtonLink, PageHeading, Panel, SummaryList } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { leadProviderActorFromUser } from "@/lib/dfe";
import { formatDateTime } from "@/lib/format";
import { getApplication, courseSchedules, FUNDING_CAP_FROM_COHORT } from "@/lib/npq";
import { APPLICATION_STATUS_LABELS, courseLabel, REJECTION_REASON_LABELS, yesNo } from "@/components/npq/labels";
import { ApplicationStatusTag, TrainingStatusTag } from "@/components/npq/tags";

export const metadata: Metadata = { title: "NPQ application" };

const DONE: Record<string, string> = {
  accepted: "The application has been accepted. The participant's other pending applications for this course and cohort have been rejected.",
  rejected: "The application has been rejected.",
  "funded-place": "The funded place has been changed.",
};

const notGiven = <span className="text-govuk-secondary">Not given</span>;
const text = (value: string | null | undefined) => (value ? value : notGiven);

export default async function ApplicationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const user = await requireArea("lead-provider");
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const actor = leadProviderActorFromUser(user);
  const { application: a, participant: p, scheduleIdentifier } = await or404(getApplication(actor, id));
  const href = `/lead-provider/applications/${a.id}`;
  const capped = a.cohort >= FUNDING_CAP_FROM_COHORT;
  const schedules = a.status === "pending" ? await courseSchedules(user, a.courseIdentifier, a.cohort) : [];

  return (
    <>
      <DoneBanner messages={DONE} done={done} />
      <PageHeading
        caption={`Application · ${courseLabel(a.courseIdentifier)} · cohort ${a.cohort}`}
        title={p.fullName}
        actions={
          <>
            <ApplicationStatusTag value={a.status} />
            {a.status === "accepted" ? (
              <ButtonLink href={`/lead-provider/participants/${a.participantId}`} variant="secondary">
                View participant
              </ButtonLink>
            ) : null}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Panel title="Application">
            <SummaryList
              rows={[
                { key: "Application id", value: <code className="break-all">{a.id}</code> },
                { key: "Participant id", value: <code className="break-all">{a.participantId}</code> },
                {
                  key: "Course",
                  value: (
                    <>
                      {courseLabel(a.courseIdentifier)} <code className="text-sm text-govuk-secondary">{a.courseIdentifier}</code>
                    </>
                  ),
                },
                { key: "Cohort", value: a.cohort },
                { key: "Status", value: APPLICATION_STATUS_LABELS[a.status] },
                ...(a.status === "rejected"
                  ? [
                      {
                        key: "Reason for rejection",
                        value: a.reasonForRejection ? (REJECTION_REASON_LABELS[a.reasonForRejection] ?? a.reasonForRejection) : notGiven,
                      },
                    ]
                  : []),
                ...(a.status === "accepted"
                  ? [
                      {
                        key: "Training status",
                        value: a.trainingStatus ? <TrainingStatusTag value={a.trainingStatus} /> : notGiven,
                      },
                      { key: "Schedule", value: text(scheduleIdentifier) },
                      { key: "Accepted", value: a.acceptedAt ? formatDateTime(a.acceptedAt) : notGiven },
                    ]
                  : []),
                { key: "Received", value: formatDateTime(a.createdAt) },
                { key: "Last updated", value: formatDateTime(a.updatedAt) },
              ]}
            />
          </Panel>
          <Panel title="Participant">
            <SummaryList
              rows={[
                { key: "Full name", value: p.fullName },
                { key: "Email", value: p.email ? `${p.email}${p.emailValidated ? "" : " (not validated)"}` : notGiven },
                { key: "Teacher reference number (TRN)", value: p.trn ? `${p.trn}${p.trnValidated ? " (validated)" : " (not validated)"}` : notGiven },
                { key: "Employer", value: text(a.employerName) },
                { key: "Role", value: text(a.employmentRole) },
                { key: "Works in a school", value: yesNo(a.worksInSchool) },
                { key: "School URN", value: text(a.schoolUrn) },
                { key: "School UKPRN", value: text(a.schoolUkprn) },
                { key: "Private childcare provider URN", value: text(a.privateChildcareProviderUrn) },
                { key: "Headteacher status", value: text(a.headteacherStatus) },
                { key: "Works as a SENCO", value: yesNo(a.worksAsSenco) },
                ...(a.sencoStartDate ? [{ key: "SENCO since", value: a.sencoStartDate }] : []),
                { key: "Lead mentor", value: yesNo(a.leadMentor) },
                { key: "ITT provider", value: text(a.ittProvider) },
                {
                  key: "Teaches in",
                  value:
                    a.teacherCatchment === false
                      ? `Outside England${a.teacherCatchmentCountry ? ` (${a.teacherCatchmentCountry})` : ""}`
                      : text(a.teacherCatchmentCountry),
                },
              ]}
            />
          </Panel>
          <Panel title="Funding">
            <SummaryList
              rows={[
                { key: "Eligible for funding", value: yesNo(a.eligibleForFunding) },
                ...(a.ineligibleForFundingReason ? [{ key: "Why not eligible", value: a.ineligibleForFundingReason }] : []),
                { key: "Funding choice", value: text(a.fundingChoice) },
                ...(capped ? [{ key: "Funded place", value: yesNo(a.fundedPlace) }] : []),
                { key: "Targeted delivery funding", value: yesNo(a.targetedDeliveryFundingEligibility) },
              ]}
            />
          </Panel>
        </div>

        <div>
          {a.status === "pending" ? (
            <Panel title="Accept this application">
              <AcceptApplicationForm
                applicationId={a.id}
                href={href}
                fundingCapped={capped}
                eligibleForFunding={a.eligibleForFunding}
                schedules={schedules.map((s) => ({ identifier: s.identifier, label: scheduleLabel(s) }))}
              />
            </Panel>
          ) : null}
          {a.status === "accepted" && capped ? (
            <Panel title="Funded place">
              <FundedPlaceForm applicationId={a.id} href={href} current={a.fundedPlace} />
            </Panel>
          ) : null}
          {a.status !== "rejected" ? (
            <Panel title="Reject this application">
              <p className="mb-4">
                {a.status === "accepted"
                  ? "An accepted application can be rejected only while it has no submitted, eligible, payable or paid declarations."
                  : "The participant will need to apply again to train with you."}
              </p>
              <RejectApplicationButton applicationId={a.id} href={href} />
            </Panel>
          ) : null}
        </div>
      </div>
    </>
  );
}
