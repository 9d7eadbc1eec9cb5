import Link from "next/link";
import { Panel, SummaryList, Tag } from "@/components/ui";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import type { ApprenticeDetail } from "@/lib/apprentices";
import { certificateAddressOf, claimOverview } from "@/lib/certification";
import { formatDate, formatDateTime } from "@/lib/format";
import { CorrectRecordForm, RequeueClaimButton } from "./claim-controls";
import { ApprenticeAddressForm, ConsentControl } from "./record-controls";

const STATE_LABELS = {
  queued: "Queued for the next run",
  in_flight: "Being claimed",
  claimed: "Claimed",
  error: "Error at ESFA",
  cancelled: "Cancelled",
} as const;
const STATE_COLOURS = { queued: "yellow", in_flight: "purple", claimed: "green", error: "red", cancelled: "grey" } as const;

/**
 * The record's certificate: claim date and days left (or why it is paused or not claimable), the claim's state, ESFA's
 * reference and status, the last error; EPAO users also record consent, give the record its own postal address and
 * correct what ESFA matches the record against.
 */
export async function CertificatePanel({ actor, detail }: { actor: UserActor; detail: ApprenticeDetail }) {
  const r = detail.record;
  const isEpao = can(actor, "certification.claims");
  const [o, address] = await Promise.all([claimOverview(actor, r.id), isEpao ? certificateAddressOf(actor, r.id) : Promise.resolve(null)]);
  const countdownText = o.notClaimable
    ? o.notClaimable
    : o.paused
      ? `Paused: ${o.paused.label.toLowerCase()} since ${formatDate(o.paused.since)}; ${o.paused.remainingDays} days left when it resumes`
      : o.claimDate
        ? `${formatDate(o.claimDate)} (${o.daysLeft === 0 ? "due" : `${o.daysLeft} ${o.daysLeft === 1 ? "day" : "days"} left`})`
        : "";
  return (
    <Panel title="Certificate">
      {o.claimsOff && isEpao && o.state !== "claimed" ? (
        <p className="mb-4 border-l-4 border-govuk-red pl-3 font-bold">
          Claims are off: {o.claimsOff}{" "}
          <Link className="text-brand-600 underline" href="/epao/certification/settings">
            Certification settings
          </Link>
        </p>
      ) : null}
      <SummaryList
        rows={[
          ...(o.grade
            ? [
                {
                  key: "Grade to certify",
                  value: `${o.grade}${o.highestGrade ? " (the highest grade)" : ""}${o.confirmedOn ? `, confirmed ${formatDate(o.confirmedOn)}` : ""}`,
                },
              ]
            : []),
          { key: "Claim date", value: countdownText || "Not yet" },
          ...(o.state ? [{ key: "Claim", value: <Tag colour={STATE_COLOURS[o.state]}>{STATE_LABELS[o.state]}</Tag> }] : []),
          ...(o.certificateReference
            ? [
                {
                  key: "Certificate",
                  value: `${o.certificateReference}${o.certificateStatus ? `, ${o.certificateStatus}` : ""}${o.claimedManually ? " (claimed by hand in the ESFA service)" : ""}${o.claimedAt ? `, ${formatDateTime(o.claimedAt)}` : ""}`,
                },
              ]
            : []),
          ...(o.lastError && o.state === "error"
            ? [
                {
                  key: "ESFA's message",
                  value: (
                    <span className="text-govuk-red">{`${o.lastError} (${o.attempts} ${o.attempts === 1 ? "attempt" : "attempts"}${o.firstErrorAt ? `, since ${formatDateTime(o.firstErrorAt)}` : ""})`}</span>
                  ),
                },
              ]
            : []),
          { key: "Permission to claim", value: o.hasConsent ? "Recorded" : "Not recorded" },
          { key: "Postal address", value: o.hasPostalAddress ? "In place" : "Missing" },
        ]}
      />
      {isEpao && o.state === "error" ? (
        <div className="mt-4">
          <RequeueClaimButton apprenticeId={r.id} />
        </div>
      ) : null}
      {isEpao && r.status !== "withdrawn" ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="consent-heading">
            <h3 id="consent-heading" className="mb-2 text-lg font-bold">
              Permission to claim
            </h3>
            <ConsentControl apprenticeId={r.id} consentAt={r.certificateConsentAt} />
          </section>
          <section aria-labelledby="address-heading">
            <h3 id="address-heading" className="mb-2 text-lg font-bold">
              Postal address for this certificate
            </h3>
            <p className="mb-2 text-govuk-secondary">
              {address?.employer
                ? `${r.employerName}'s address is used unless this record has its own.`
                : `No address for ${r.employerName} yet: add one here or under Certificate posting addresses.`}
            </p>
            <ApprenticeAddressForm apprenticeId={r.id} current={address?.own ?? null} />
          </section>
          {o.state === "error" || o.state === "queued" ? (
            <section aria-labelledby="correct-heading">
              <h3 id="correct-heading" className="mb-2 text-lg font-bold">
                Correct the details ESFA matches
              </h3>
              <CorrectRecordForm
                record={{
                  apprenticeId: r.id,
                  version: r.version,
                  familyName: r.familyName,
                  uln: r.uln,
                  standardVersion: r.standardVersion,
                  standardOption: r.standardOption,
                  versions: detail.standard.versions,
                  options: detail.standard.options,
                }}
              />
            </section>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}
