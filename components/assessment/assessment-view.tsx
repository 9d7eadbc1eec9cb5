import { NotificationBanner, PageHeading, Panel, Table, Tag } from "@/components/ui";
import { assessmentOverview, type AssessmentOverview } from "@/lib/assessment";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/apprentices/schema";
import type { ApprenticeDetail } from "@/lib/apprentices";
import { formatDate, formatDateTime } from "@/lib/format";
import {
  ConfirmGradeForm,
  DecideAppealForm,
  DecideResitForm,
  LodgeAppealForm,
  RecordGradeForm,
  RequestResitForm,
  UnlockGradeForm,
  WithdrawAppealButton,
} from "./assessment-forms";
import { CertificatePanel } from "@/components/certification/certificate-panel";
import { RecordTabs } from "./record-tabs";
import { londonToday } from "@/lib/calendar";

type Attempt = AssessmentOverview["attempts"][number];

const KIND_LABELS = { first: "First attempt", resit: "Resit", retake: "Retake" } as const;
const RESIT_COLOURS = { requested: "yellow", approved: "green", declined: "red" } as const;
const RESIT_LABELS = { requested: "Waiting for the EPAO", approved: "Approved", declined: "Declined" } as const;
const APPEAL_COLOURS = { open: "yellow", upheld: "green", not_upheld: "grey", withdrawn: "grey" } as const;
const APPEAL_LABELS = { open: "Open", upheld: "Upheld", not_upheld: "Not upheld", withdrawn: "Withdrawn" } as const;

function gradeTag(grade: string) {
  return <Tag colour={grade === "Fail" ? "red" : "green"}>{grade}</Tag>;
}

function attemptTitle(a: Attempt) {
  return `Attempt ${a.number}: ${KIND_LABELS[a.kind]}`;
}

function OverallLine({ attempt }: { attempt: Attempt }) {
  if (attempt.confirmed) {
    return (
      <p className="mb-4 text-lg">
        <strong>Overall grade:</strong> {gradeTag(attempt.confirmed.overallGrade)} achieved{" "}
        {attempt.confirmed.achievementDate ? formatDate(attempt.confirmed.achievementDate) : ""}, confirmed
        {attempt.confirmed.confirmedBy ? ` by ${attempt.confirmed.confirmedBy}` : ""}
        {attempt.confirmed.confirmedAt ? ` on ${formatDateTime(attempt.confirmed.confirmedAt)}` : ""}. <Tag colour="grey">Locked</Tag>
      </p>
    );
  }
  const p = attempt.provisional;
  if (!p) return null;
  if (p.status === "derived")
    return (
      <p className="mb-4 text-lg">
        <strong>Provisional overall grade:</strong> {gradeTag(p.overall)} <span className="text-govuk-secondary">(not confirmed yet)</span>
      </p>
    );
  if (p.status === "incomplete")
    return (
      <p className="mb-4 text-lg">
        <strong>Provisional overall grade:</strong> waiting for {p.missing.length === 1 ? "a grade" : "grades"} ({p.missing.length} to record)
      </p>
    );
  return <p className="mb-4 font-bold text-govuk-red">The grades cannot be combined: {p.problems.join("; ")}</p>;
}

/**
 * The assessment of one record: the current attempt's component grades (the assigned assessor records them), the
 * provisional or confirmed overall grade (EPAO users confirm; EPAO admins unlock), resit and retake requests, appeals
 * and every earlier attempt.
 */
export async function AssessmentView({ actor, detail, basePath }: { actor: UserActor; detail: ApprenticeDetail; basePath: string }) {
  const { record: r, standard } = detail;
  const o = await assessmentOverview(actor, r.id);
  const current = o.attempts.find((a) => a.current) ?? null;
  const earlier = o.attempts.filter((a) => !a.current);
  const today = londonToday();
  const openAppeal = o.appeals.find((a) => a.status === "open");
  const openResit = o.resitRequests.find((q) => q.status === "requested");
  /** The standard's components whose grade in the current attempt passes `test`. */
  const componentsWhere = (test: (grade: NonNullable<typeof current>["grades"][number]) => boolean) =>
    o.standard.components.filter((c) => current?.grades.some((g) => g.componentId === c.id && test(g)));
  const lastAssessed = current
    ? current.grades
        .map((g) => g.assessedOn)
        .sort()
        .at(-1)
    : undefined;

  return (
    <>
      <PageHeading
        caption={`${standard.reference} ${standard.title} · Level ${standard.level}`}
        title={`${r.givenNames} ${r.familyName}`}
        actions={<Tag colour={STATUS_COLOURS[r.status]}>{STATUS_LABELS[r.status]}</Tag>}
      />
      <RecordTabs href={`${basePath}/${r.id}`} current="assessment" />

      {openAppeal ? (
        <NotificationBanner title="An appeal is open">
          <p>
            Lodged {formatDateTime(openAppeal.lodgedAt)} against the grade of attempt {openAppeal.attemptNumber}. Certification is paused until the EPAO
            decides.
          </p>
        </NotificationBanner>
      ) : null}
      {openResit ? (
        <NotificationBanner title={`A ${openResit.kind} has been requested`}>
          <p>
            {openResit.requestedBy ?? "The provider"} asked on {formatDateTime(openResit.requestedAt)} to take {openResit.components.join(", ")} again. Waiting
            for the EPAO&apos;s decision.
          </p>
        </NotificationBanner>
      ) : null}

      {!current ? (
        <Panel title="End-point assessment">
          <p>End-point assessment starts when the EPAO approves the gateway. {r.status === "gateway" ? "The gateway is waiting for the EPAO's review." : ""}</p>
        </Panel>
      ) : (
        <section aria-labelledby="current-attempt" className="mb-8">
          <h2 id="current-attempt" className="mb-3 text-2xl font-bold">
            {attemptTitle(current)}
          </h2>
          <OverallLine attempt={current} />
          {!o.can.recordGrades.ok && can(actor, "grades.record") ? <p className="mb-4 text-govuk-secondary">{o.can.recordGrades.reason}</p> : null}
          <Table
            caption={`Component grades, attempt ${current.number}`}
            captionHidden
            rows={o.standard.components}
            rowKey={(c) => c.id}
            columns={[
              { key: "component", header: "Component", rowHeader: true, cell: (c) => c.name },
              {
                key: "grade",
                header: "Grade",
                cell: (c) => {
                  const g = current.grades.find((x) => x.componentId === c.id);
                  const inScope = current.inScope.includes(c.code);
                  const editable = o.can.recordGrades.ok && inScope && !(g?.locked ?? false);
                  if (editable)
                    return (
                      <RecordGradeForm apprenticeId={r.id} component={c} current={g ? { grade: g.grade, assessedOn: g.assessedOn } : null} today={today} />
                    );
                  if (!g) return <span className="text-govuk-secondary">{inScope ? "Not graded yet" : "Not assessed in this attempt"}</span>;
                  return (
                    <span className="flex flex-wrap items-center gap-2">
                      {gradeTag(g.grade)}
                      {g.carriedOver ? <Tag colour="grey">Carried over</Tag> : g.locked ? <Tag colour="grey">Locked</Tag> : null}
                    </span>
                  );
                },
              },
              {
                key: "when",
                header: "Assessed",
                cell: (c) => {
                  const g = current.grades.find((x) => x.componentId === c.id);
                  return g ? `${formatDate(g.assessedOn)}${g.recordedBy ? `, recorded by ${g.recordedBy}` : ""}` : "";
                },
              },
            ]}
          />
          <div className="grid gap-6 lg:grid-cols-2">
            {o.can.confirm.ok && current.provisional?.status === "derived" ? (
              <Panel title="Confirm the overall grade">
                <ConfirmGradeForm
                  attemptId={current.id}
                  version={current.version}
                  provisional={current.provisional.overall}
                  defaultDate={lastAssessed ?? today}
                />
              </Panel>
            ) : null}
            {o.can.unlock.ok ? (
              <Panel title="Unlock a grade">
                <UnlockGradeForm
                  attemptId={current.id}
                  version={current.version}
                  components={componentsWhere((g) => g.locked && !g.carriedOver).map((c) => ({ id: c.id, name: c.name }))}
                />
              </Panel>
            ) : null}
            {o.can.requestResit.ok ? (
              <Panel title="Request a resit or retake">
                <RequestResitForm apprenticeId={r.id} failed={componentsWhere((g) => g.grade === "Fail").map((c) => ({ code: c.code, name: c.name }))} />
              </Panel>
            ) : null}
            {o.can.lodgeAppeal.ok ? (
              <Panel title="Lodge an appeal">
                {o.appealWindow ? <p className="mb-4">The appeal window closes on {formatDate(o.appealWindow.closesOn)}.</p> : null}
                <LodgeAppealForm apprenticeId={r.id} />
              </Panel>
            ) : null}
          </div>
        </section>
      )}

      {current?.confirmed ? <CertificatePanel actor={actor} detail={detail} /> : null}

      <h2 className="mt-8 mb-3 text-2xl font-bold">Resits and retakes</h2>
      {o.resitRequests.length === 0 ? <p className="mb-6">No resit or retake has been requested.</p> : null}
      {o.resitRequests.map((q) => (
        <section key={q.id} aria-label={`${q.kind} request of ${formatDate(q.requestedAt)}`} className="mb-4 border border-govuk-border bg-white p-4">
          <p className="mb-2 flex flex-wrap items-center gap-3">
            <strong className="capitalize">{q.kind}</strong> <Tag colour={RESIT_COLOURS[q.status]}>{RESIT_LABELS[q.status]}</Tag>
            <span className="text-govuk-secondary">
              after attempt {q.attemptNumber}, requested {formatDateTime(q.requestedAt)} by {q.requestedBy ?? "the provider"}
            </span>
          </p>
          <p>Components: {q.components.join(", ")}</p>
          <p className="mb-2">Reason: {q.reason}</p>
          {q.status === "declined" ? <p>Declined: {q.declineReason}</p> : null}
          {q.status === "approved" && q.newAttemptNumber ? <p>Approved: attempt {q.newAttemptNumber} started.</p> : null}
          {q.status === "requested" && o.can.decideResit.ok ? <DecideResitForm requestId={q.id} /> : null}
        </section>
      ))}

      <h2 className="mt-8 mb-3 text-2xl font-bold">Appeals</h2>
      {o.appeals.length === 0 ? <p className="mb-6">No appeal has been lodged.</p> : null}
      {o.appeals.map((a) => (
        <section key={a.id} aria-label={`Appeal of ${formatDate(a.lodgedAt)}`} className="mb-4 border border-govuk-border bg-white p-4">
          <p className="mb-2 flex flex-wrap items-center gap-3">
            <strong>Appeal</strong> <Tag colour={APPEAL_COLOURS[a.status]}>{APPEAL_LABELS[a.status]}</Tag>
            <span className="text-govuk-secondary">
              against attempt {a.attemptNumber}, lodged {formatDateTime(a.lodgedAt)} by {a.lodgedBy ?? "the provider"}
              {a.lodgedOnBehalfOfApprentice ? " on behalf of the apprentice" : ""}
            </span>
          </p>
          <p className="mb-2 whitespace-pre-line">{a.grounds}</p>
          {a.decidedAt ? (
            <p>
              Decided {formatDateTime(a.decidedAt)} by {a.decidedBy ?? "the EPAO"}: {a.decisionNotes}
              {a.newGrade ? ` The overall grade changed from ${a.previousGrade} to ${a.newGrade}.` : ""}
            </p>
          ) : null}
          {a.status === "open" && o.can.decideAppeal.ok ? (
            <DecideAppealForm appealId={a.id} grades={o.standard.overallGrades} current={current?.confirmed?.overallGrade ?? null} />
          ) : null}
          {a.status === "open" && o.can.withdrawAppeal.ok ? <WithdrawAppealButton appealId={a.id} /> : null}
        </section>
      ))}

      {earlier.length > 0 ? (
        <>
          <h2 className="mt-8 mb-3 text-2xl font-bold">Earlier attempts</h2>
          {earlier.map((a) => (
            <section key={a.id} aria-label={attemptTitle(a)} className="mb-4 border border-govuk-border bg-white p-4">
              <h3 className="mb-2 text-xl font-bold">{attemptTitle(a)}</h3>
              <OverallLine attempt={a} />
              <ul className="flex flex-col gap-1">
                {a.grades.map((g) => (
                  <li key={g.componentId}>
                    {g.name}: {g.grade} ({formatDate(g.assessedOn)})
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
