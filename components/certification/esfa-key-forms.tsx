"use client";

import { useState } from "react";
import { Button, ButtonGroup, ErrorSummary, TextField } from "@/components/ui";
import { summaryOf, useAction } from "@/components/assessment/use-action";
import { activateEsfaKeyAction, recheckEsfaKeyAction, removeEsfaKeyAction } from "@/lib/certification/settings-actions";
import { ActionMessage } from "./shared";

type Doing = "save" | "check" | "remove" | null;

/**
 * The EPAO admin's controls for the ESFA key: paste a key (checked live with ESFA before it is kept), replace it,
 * check it again, remove it. The key never comes back from the server: only its last four characters.
 */
export function EsfaKeyAdminControls({ configured, rejected }: { configured: boolean; rejected: boolean }) {
  const [showForm, setShowForm] = useState(!configured || rejected);
  const { pending, errors, message, run } = useAction();
  const [doing, setDoing] = useState<Doing>(null);
  const [value, setValue] = useState("");
  const heading = configured ? "Replace the key" : "Add your ESFA API key";
  const busy = (what: Doing) => pending && doing === what;

  return (
    <div>
      <ActionMessage message={message} />
      <ErrorSummary errors={summaryOf(errors, "esfa")} />
      {configured ? (
        <ButtonGroup className="mb-6">
          {!showForm ? (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setShowForm(true)}>
              Replace key
            </Button>
          ) : null}
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => {
              setDoing("check");
              run(() => recheckEsfaKeyAction());
            }}
          >
            {busy("check") ? "Checking with ESFA…" : "Check again"}
          </Button>
          <Button
            type="button"
            variant="warning"
            disabled={pending}
            onClick={() => {
              if (!window.confirm("Remove the ESFA API key? Certificate claims stop until a new key is added.")) return;
              setDoing("remove");
              run(() => removeEsfaKeyAction(), () => setShowForm(true));
            }}
          >
            {busy("remove") ? "Removing…" : "Remove key"}
          </Button>
        </ButtonGroup>
      ) : null}
      {showForm ? (
        <form
          noValidate
          aria-labelledby="esfa-key-heading"
          onSubmit={(e) => {
            e.preventDefault();
            setDoing("save");
            run(
              () => activateEsfaKeyAction({ key: value }),
              () => {
                setValue("");
                setShowForm(false);
              },
            );
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
            hint="Generate it in the ESFA Assessment Service: Organisation details › API subscriptions › Generate key, then copy the whole key. Attain checks it with ESFA before keeping it, stores it encrypted and only ever shows its last 4 characters."
            autoComplete="off"
            spellCheck={false}
            error={errors.key}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
          <ButtonGroup>
            <Button type="submit" disabled={pending}>
              {busy("save") ? "Checking with ESFA…" : configured ? "Check and replace key" : "Check and save key"}
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
