"use client";

import { useState } from "react";
import { z } from "zod";
import { ActionForm } from "@/components/forms/action-form";
import { ProblemLine, StatusLine } from "@/components/forms/inline-message";
import { confirmFirst } from "@/components/forms/use-action";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button, ButtonGroup, CheckboxField, SummaryList } from "@/components/ui";
import { clearApprenticePostalContactAction, recordCertificateConsentAction, setApprenticePostalContactAction } from "@/lib/certification/settings-actions";
import { formatDateTime } from "@/lib/format";
import { AddressFields } from "./address-fields";
import { addressValues, type AddressValues } from "./address-values";

const USE_EMPLOYERS_QUESTION = "Remove this apprentice's own address? The certificate will go to the employer's address.";
const CLEAR_QUESTION = "Clear the apprentice's permission? Their certificate will not be claimed until it is recorded again.";

const consentSchema = z.object({ confirm: z.boolean().refine(Boolean, { error: "Confirm the apprentice has given permission to claim their certificate" }) });

type StoredAddress = Partial<Record<keyof AddressValues, string | null>>;

/**
 * A record's own certificate address (EPAO users), which takes precedence over the employer's. `current` is the
 * record's own address, or null when the certificate goes to the employer's address.
 */
export function ApprenticeAddressForm({ apprenticeId, current }: { apprenticeId: string; current: StoredAddress | null }) {
  const [clearing, setClearing] = useState(false);
  const [editing, setEditing] = useState(false);
  // One action state for saving and clearing, so the message shown is the last one's.
  const form = useActionForm({
    defaultValues: addressValues(current),
    idPrefix: "own-address",
    action: (v) => setApprenticePostalContactAction({ apprenticeId, ...v }),
    onSuccess: () => setEditing(false),
  });
  const toEmployersAddress = () => {
    setClearing(true);
    form.runner.run(() => clearApprenticePostalContactAction({ apprenticeId }));
  };
  const edit = (values: AddressValues) => {
    form.reset(values);
    setEditing(true);
  };

  if (!editing) {
    return (
      <div>
        <StatusLine message={form.message} />
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
              <Button type="button" variant="secondary" disabled={form.pending} onClick={() => edit(addressValues(current))}>
                Change this address
              </Button>
              <Button type="button" variant="warning" disabled={form.pending} onClick={confirmFirst(USE_EMPLOYERS_QUESTION, toEmployersAddress)}>
                {form.pending && clearing ? "Removing…" : "Use the employer's address"}
              </Button>
            </ButtonGroup>
            <ProblemLine message={form.runner.errors.form} />
          </>
        ) : (
          <>
            <p className="mb-4">The certificate goes to the employer&apos;s address.</p>
            <Button type="button" variant="secondary" onClick={() => edit(addressValues(null))}>
              Give this apprentice an address of their own
            </Button>
          </>
        )}
      </div>
    );
  }

  return (
    <ActionForm
      aria-label="This apprentice's certificate address"
      form={{
        ...form,
        submit: (e) => {
          setClearing(false);
          void form.submit(e);
        },
      }}
    >
      <AddressFields field={form.field} />
      <ButtonGroup>
        <SubmitButton pending={form.pending} pendingText="Saving…">
          Save address
        </SubmitButton>
        <Button type="button" variant="link" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </ButtonGroup>
    </ActionForm>
  );
}

/** The apprentice's permission for the EPAO to claim their certificate: record it (with a confirmation) or clear it. */
export function ConsentControl({ apprenticeId, consentAt }: { apprenticeId: string; consentAt: Date | string | null }) {
  const form = useActionForm({
    schema: consentSchema,
    defaultValues: { confirm: false },
    idPrefix: "consent",
    action: () => recordCertificateConsentAction({ apprenticeId, consent: true }),
    resetOnSuccess: true,
  });

  const clearConsent = () => recordCertificateConsentAction({ apprenticeId, consent: false });
  if (consentAt) {
    return (
      <div>
        <StatusLine message={form.message} />
        <p className="mb-4">
          <strong>Permission recorded</strong> on {formatDateTime(new Date(consentAt))}. The certificate can be claimed when it is due.
        </p>
        <Button type="button" variant="secondary" disabled={form.pending} onClick={confirmFirst(CLEAR_QUESTION, () => form.runner.run(clearConsent))}>
          {form.pending ? "Clearing…" : "Clear permission"}
        </Button>
        <ProblemLine message={form.runner.errors.form ?? form.runner.errors.consent} />
      </div>
    );
  }

  return (
    <ActionForm form={form}>
      <StatusLine message={form.message} />
      <p className="mb-4">
        <strong>No permission recorded.</strong> The certificate will not be claimed until the apprentice&apos;s permission is recorded.
      </p>
      <CheckboxField label="The apprentice has given us permission to claim their certificate" {...form.field("confirm")} />
      <SubmitButton pending={form.pending} pendingText="Recording…">
        Record permission
      </SubmitButton>
    </ActionForm>
  );
}
