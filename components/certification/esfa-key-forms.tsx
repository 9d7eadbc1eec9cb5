"use client";

import { useState } from "react";
import { StatusLine } from "@/components/forms/inline-message";
import { confirmFirst, prefixed, useAction, type AfterSuccess } from "@/components/forms/use-action";
import { Button, ButtonGroup, ErrorSummary, TextField } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { activateEsfaKeyAction, checkEsfaKeyAction, recheckEsfaKeyAction, removeEsfaKeyAction } from "@/lib/certification/settings-actions";

const REMOVE_QUESTION = "Remove the ESFA API key? Certificate claims stop until a new key is added.";

type Doing = "save" | "confirm" | "check" | "remove" | null;
type Preview = { lastFour: string; claimsUnder: { epaoId: string; name: string }; confirmation: string };

/**
 * The EPAO admin's controls for the ESFA key: paste a key (checked live with ESFA), confirm the organisation the claims
 * will be made under (only then is it kept and claims switched on), replace it, check it again, remove it. ESFA does
 * not tell Attain whose key it is, so the admin confirms it. The key never comes back from the server: only its last
 * four characters.
 */
export function EsfaKeyAdminControls({ configured, rejected }: { configured: boolean; rejected: boolean }) {
  const [showForm, setShowForm] = useState(!configured || rejected);
  const { pending, errors, message, run, summary } = useAction();
  const [doing, setDoing] = useState<Doing>(null);
  const [value, setValue] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const heading = configured ? "Replace the key" : "Add your ESFA API key";
  /** The label of the button for `what`: `busyText` while that one runs. */
  const label = (what: Doing, busyText: string, text: string) => (pending && doing === what ? busyText : text);
  const afterRemove = { onSuccess: () => setShowForm(true) };
  function start<T>(what: Doing, call: () => Promise<ActionResult<T>>, after?: AfterSuccess<T>) {
    setDoing(what);
    run(call, after);
  }

  return (
    <div>
      <StatusLine message={message} />
      <ErrorSummary errors={summary(prefixed("esfa"))} />
      {configured ? (
        <ButtonGroup className="mb-6">
          {!showForm ? (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setShowForm(true)}>
              Replace key
            </Button>
          ) : null}
          <Button type="button" variant="secondary" disabled={pending} onClick={() => start("check", () => recheckEsfaKeyAction())}>
            {label("check", "Checking with ESFA…", "Check again")}
          </Button>
          <Button
            type="button"
            variant="warning"
            disabled={pending}
            onClick={confirmFirst(REMOVE_QUESTION, () => start("remove", removeEsfaKeyAction, afterRemove))}
          >
            {label("remove", "Removing…", "Remove key")}
          </Button>
        </ButtonGroup>
      ) : null}
      {showForm && preview ? (
        <section aria-labelledby="esfa-key-confirm-heading" className="mb-6 border-l-4 border-govuk-blue pl-4">
          <h3 id="esfa-key-confirm-heading" className="mb-3 text-lg font-bold">
            Confirm whose claims these will be
          </h3>
          <p className="mb-3">ESFA accepted the key ending …{preview.lastFour}.</p>
          <p className="mb-3 font-bold" id="esfa-claims-under">
            Claims will be made under EPAO id {preview.claimsUnder.epaoId} ({preview.claimsUnder.name}).
          </p>
          <p className="mb-4">
            ESFA does not tell Attain which organisation a key belongs to: certificates are claimed under the organisation that generated the key. Only confirm
            if this key was generated in the ESFA Assessment Service for {preview.claimsUnder.name} ({preview.claimsUnder.epaoId}). Claims stay off until you
            confirm.
          </p>
          <ButtonGroup>
            <Button
              type="button"
              disabled={pending}
              onClick={() =>
                start("confirm", () => activateEsfaKeyAction({ key: value, confirmation: preview.confirmation }), {
                  onSuccess: () => {
                    setValue("");
                    setPreview(null);
                    setShowForm(false);
                  },
                  onFailure: () => setPreview(null),
                })
              }
            >
              {label("confirm", "Switching claims on…", "Confirm and switch claims on")}
            </Button>
            <Button type="button" variant="link" disabled={pending} onClick={() => setPreview(null)}>
              Do not use this key
            </Button>
          </ButtonGroup>
        </section>
      ) : null}
      {showForm && !preview ? (
        <form
          noValidate
          aria-labelledby="esfa-key-heading"
          onSubmit={(e) => {
            e.preventDefault();
            start("save", () => checkEsfaKeyAction({ key: value }), { onSuccess: setPreview });
          }}
        >
          <h3 id="esfa-key-heading" className="mb-3 text-lg font-bold">
            {heading}
          </h3>
          <TextField
            id="esfa-key"
            name="key"
            type="password"
            label="ESFA API key"
            hint="Generate it in the ESFA Assessment Service: Organisation details › API subscriptions › Generate key, then copy the whole key. Attain checks it with ESFA and shows you the organisation the claims will be made under before keeping it; it is stored encrypted and only its last 4 characters are ever shown."
            autoComplete="off"
            spellCheck={false}
            error={errors.key}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
          <ButtonGroup>
            <Button type="submit" disabled={pending}>
              {label("save", "Checking with ESFA…", configured ? "Check new key" : "Check key")}
            </Button>
            {configured ? (
              <Button
                type="button"
                variant="link"
                onClick={() => {
                  setValue("");
                  setShowForm(false);
                }}
              >
                Cancel
              </Button>
            ) : null}
          </ButtonGroup>
        </form>
      ) : null}
    </div>
  );
}
