"use client";

import { useState } from "react";
import { Button, ButtonGroup, CheckboxField, ErrorSummary, SummaryList } from "@/components/ui";
import { summaryOf, useAction } from "@/components/assessment/use-action";
import { clearApprenticePostalContactAction, recordCertificateConsentAction, setApprenticePostalContactAction } from "@/lib/certification/settings-actions";
import { formatDateTime } from "@/lib/format";
import { AddressFields } from "./address-fields";
import { addressValues, type AddressValues } from "./address-values";
import { ActionMessage, FormProblem } from "./shared";

type StoredAddress = Partial<Record<keyof AddressValues, string | null>>;

/**
 * A record's own certificate address (EPAO users), which takes precedence over the employer's. `current` is the
 * record's own address, or null when the certificate goes to the employer's address.
 */
export function ApprenticeAddressForm({ apprenticeId, current }: { apprenticeId: string; current: StoredAddress | null }) {
  // One action state for saving and clearing, so the message shown is the last one's.
  const { pending, errors, message, run } = useAction();
  const [clearing, setClearing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(addressValues(current));

  if (!editing) {
    return (
      <div>
        <ActionMessage message={message} />
        {current ? (
          <>
            <SummaryList
              rows={[
                {
                  key: "Certificate posted to",
                  value: (
                    <>
                      {[
                        current.contactName,
                        current.department,
                        current.organisation,
                        current.addressLine1,
                        current.addressLine2,
                        current.addressLine3,
                        current.city,
                        current.postcode,
                      ]
                        .filter(Boolean)
                        .map((line, i) => (
                          <span key={i} className="block">
                            {line}
                          </span>
                        ))}
                    </>
                  ),
                },
              ]}
            />
            <ButtonGroup>
              <Button
                type="button"
                variant="secondary"
                disabled={pending}
                onClick={() => {
                  setValues(addressValues(current));
                  setEditing(true);
                }}
              >
                Change this address
              </Button>
              <Button
                type="button"
                variant="warning"
                disabled={pending}
                onClick={() => {
                  if (!window.confirm("Remove this apprentice's own address? The certificate will go to the employer's address.")) return;
                  setClearing(true);
                  run(() => clearApprenticePostalContactAction({ apprenticeId }));
                }}
              >
                {pending && clearing ? "Removing…" : "Use the employer's address"}
              </Button>
            </ButtonGroup>
            <FormProblem message={errors.form} />
          </>
        ) : (
          <>
            <p className="mb-4">The certificate goes to the employer&apos;s address.</p>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setValues(addressValues(null));
                setEditing(true);
              }}
            >
              Give this apprentice an address of their own
            </Button>
          </>
        )}
      </div>
    );
  }

  return (
    <form
      noValidate
      aria-label="This apprentice's certificate address"
      onSubmit={(e) => {
        e.preventDefault();
        setClearing(false);
        run(
          () => setApprenticePostalContactAction({ apprenticeId, ...values }),
          () => setEditing(false),
        );
      }}
    >
      <ErrorSummary errors={summaryOf(errors, "own-address")} />
      <AddressFields prefix="own-address" values={values} errors={errors} onChange={setValues} />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save address"}
        </Button>
        <Button type="button" variant="link" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The apprentice's permission for the EPAO to claim their certificate: record it (with a confirmation) or clear it. */
export function ConsentControl({ apprenticeId, consentAt }: { apprenticeId: string; consentAt: Date | string | null }) {
  const { pending, errors, message, run } = useAction();
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (consentAt) {
    return (
      <div>
        <ActionMessage message={message} />
        <p className="mb-4">
          <strong>Permission recorded</strong> on {formatDateTime(new Date(consentAt))}. The certificate can be claimed when it is due.
        </p>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            if (window.confirm("Clear the apprentice's permission? Their certificate will not be claimed until it is recorded again.")) {
              run(() => recordCertificateConsentAction({ apprenticeId, consent: false }));
            }
          }}
        >
          {pending ? "Clearing…" : "Clear permission"}
        </Button>
        <FormProblem message={errors.form ?? errors.consent} />
      </div>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!confirmed) {
          setProblem("Confirm the apprentice has given permission to claim their certificate");
          return;
        }
        setProblem(null);
        run(
          () => recordCertificateConsentAction({ apprenticeId, consent: true }),
          () => setConfirmed(false),
        );
      }}
    >
      <ActionMessage message={message} />
      <ErrorSummary errors={problem ? [{ field: "consent-confirm", message: problem }] : summaryOf(errors, "consent")} />
      <p className="mb-4">
        <strong>No permission recorded.</strong> The certificate will not be claimed until the apprentice&apos;s permission is recorded.
      </p>
      <CheckboxField
        id="consent-confirm"
        label="The apprentice has given us permission to claim their certificate"
        error={problem ?? undefined}
        checked={confirmed}
        onChange={(e) => setConfirmed(e.currentTarget.checked)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Recording…" : "Record permission"}
      </Button>
    </form>
  );
}
