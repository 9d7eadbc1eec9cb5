"use client";

import { useState } from "react";
import { SuccessBanner } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAction } from "@/components/forms/use-action";
import { CheckboxList, ErrorSummary, Fieldset } from "@/components/ui";
import type { NotificationEvent } from "@/lib/domain";
import { savePreferencesAction } from "@/lib/notifications/actions";

export type PreferencesFormItem = {
  event: NotificationEvent;
  label: string;
  description: string;
  enabled: boolean;
};

/** Checkbox list of email events for the signed-in user (EPAO users and assessors share it). */
export function PreferencesForm({ preferences }: { preferences: PreferencesFormItem[] }) {
  const { pending, message, errors, summary, run, setMessage } = useAction();
  const [enabled, setEnabled] = useState<string[]>(() => preferences.filter((p) => p.enabled).map((p) => p.event));
  const boxes = preferences.map((p) => ({ value: p.event, id: `notify-${p.event}`, label: p.label, hint: p.description }));

  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={summary((field) => field)} />
      <SuccessBanner message={message} className="font-bold" />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Keep the fixed order of the list, whatever order the boxes were ticked in.
          const selected = preferences.map((p) => p.event).filter((e) => enabled.includes(e));
          run(() => savePreferencesAction({ enabled: selected }), { successMessage: "Saved.", onSuccess: (data) => setEnabled(data.enabled) });
        }}
      >
        <Fieldset
          id="enabled"
          legend={<span className="text-xl font-bold sm:text-2xl">Email me when</span>}
          hint="Select all that apply. Clear an event to stop emails about it."
          error={errors.enabled}
        >
          <CheckboxList
            name="enabled"
            options={boxes}
            value={enabled}
            onChange={(next) => {
              setMessage(null);
              setEnabled(next);
            }}
          />
        </Fieldset>
        <SubmitButton pending={pending} pendingText="Saving…">
          Save notification settings
        </SubmitButton>
      </form>
    </div>
  );
}
