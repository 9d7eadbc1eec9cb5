import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading, Panel, SummaryList, Tag } from "@/components/ui";
import { CountdownSettingsForm } from "@/components/certification/countdown-form";
import { EsfaKeyAdminControls } from "@/components/certification/esfa-key-forms";
import { WarningBanner } from "@/components/certification/shared";
import { can } from "@/lib/auth";
import { requireArea } from "@/lib/session";
import { esfaClaimsUnder, esfaKeyStatus, getCertificationSettings } from "@/lib/certification";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Certification settings" };

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";
const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

/** The EPAO's ESFA API key and certification countdown: admins change them, staff see them. */
export default async function CertificationSettingsPage() {
  const actor = await requireArea("epao");
  const isAdmin = can(actor, "certification.keys");
  const [key, settings, claimsUnder] = await Promise.all([esfaKeyStatus(actor), getCertificationSettings(actor), esfaClaimsUnder(actor)]);
  const today = londonToday();

  return (
    <>
      <PageHeading
        title="Certification settings"
        description="Attain claims your apprentices' certificates from ESFA with your organisation's ESFA API key, when the countdown after a confirmed grade ends."
      />

      <Panel title="ESFA API key">
        {!key.configured ? (
          <WarningBanner id="claims-off" title="Claims are off: no ESFA API key">
            <p>
              Attain cannot claim certificates from ESFA until {isAdmin ? "you add" : "an EPAO admin adds"} your organisation&apos;s ESFA API key. Certificates
              that fall due wait until then.
            </p>
            <p>Generate the key in the ESFA Assessment Service: Organisation details › API subscriptions › Generate key.</p>
          </WarningBanner>
        ) : key.status === "rejected" ? (
          <WarningBanner id="claims-off" title="Claims are off: ESFA did not accept your ESFA API key">
            <p>{key.statusMessage ?? "ESFA refused the key the last time Attain used it."}</p>
            <p>
              {isAdmin ? "Replace it" : "Ask an EPAO admin to replace it"} with a new key from the ESFA Assessment Service (Organisation details › API
              subscriptions). Certificates that fall due wait until then.
            </p>
          </WarningBanner>
        ) : null}
        {key.configured ? (
          <SummaryList
            rows={[
              { key: "Key", value: `Key ending …${key.lastFour}, checked ${formatDateTime(key.validatedAt)}` },
              { key: "Claims made under", value: `EPAO id ${claimsUnder.epaoId} (${claimsUnder.name})` },
              {
                key: "Status",
                value: key.status === "active" ? <Tag colour="green">Active: claims are on</Tag> : <Tag colour="red">Rejected by ESFA: claims are off</Tag>,
              },
            ]}
          />
        ) : null}
        {isAdmin ? (
          <EsfaKeyAdminControls configured={key.configured} rejected={key.configured && key.status === "rejected"} />
        ) : (
          <p className="text-govuk-secondary">Only an EPAO admin can add, replace or remove the key.</p>
        )}
      </Panel>

      <Panel title="Certification countdown">
        <p className="mb-4">
          How long after an overall grade is confirmed Attain claims the certificate. The highest grade of a standard cannot be appealed for a higher one, so it
          is usually claimed sooner; other grades wait for the appeal period.
        </p>
        {settings.updatedAt ? (
          <p className="mb-4 text-govuk-secondary">
            Last changed {formatDateTime(settings.updatedAt)}
            {settings.updatedBy ? ` by ${settings.updatedBy}` : ""}.
          </p>
        ) : (
          <p className="mb-4 text-govuk-secondary">These are the defaults: 7 calendar days for the highest grade, 20 working days for other grades.</p>
        )}
        <CountdownSettingsForm
          canEdit={can(actor, "certification.settings")}
          today={today}
          initial={{
            highestGradeDays: settings.highestGradeDays,
            highestGradeMode: settings.highestGradeMode,
            otherGradesDays: settings.otherGradesDays,
            otherGradesMode: settings.otherGradesMode,
            version: settings.version,
          }}
        />
      </Panel>

      <p>
        <Link className={linkClass} href="/epao/certification/addresses">
          Certificate posting addresses
        </Link>
      </p>
    </>
  );
}
