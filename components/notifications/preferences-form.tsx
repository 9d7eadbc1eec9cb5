"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, CheckboxField, ErrorSummary, Fieldset, NotificationBanner } from "@/components/ui";
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
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [enabled, setEnabled] = useState<Set<NotificationEvent>>(() => new Set(preferences.filter((p) => p.enabled).map((p) => p.event)));
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ field?: string; message: string }[]>([]);

  function toggle(event: NotificationEvent, on: boolean) {
    setMessage(null);
    setEnabled((current) => {
      const next = new Set(current);
      if (on) next.add(event);
      else next.delete(event);
      return next;
    });
  }

  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} />
      {message ? (
        <NotificationBanner type="success" title="Success">
          <p className="font-bold">{message}</p>
        </NotificationBanner>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Keep the fixed order of the list, whatever order the boxes were ticked in.
          const selected = preferences.map((p) => p.event).filter((e) => enabled.has(e));
          startTransition(async () => {
            const result = await savePreferencesAction({ enabled: selected });
            if (result.ok) {
              setErrors([]);
              setEnabled(new Set(result.data.enabled));
              setMessage(result.message ?? "Saved.");
              router.refresh();
            } else {
              setMessage(null);
              const fields = Object.entries(result.fieldErrors).map(([field, msg]) => ({ field: field === "form" ? undefined : field, message: msg }));
              setErrors(fields.length > 0 ? fields : [{ message: result.message }]);
            }
          });
        }}
      >
        <Fieldset
          id="enabled"
          legend={<span className="text-xl font-bold sm:text-2xl">Email me when</span>}
          hint="Select all that apply. Clear an event to stop emails about it."
          error={errors.find((e) => e.field === "enabled")?.message}
        >
          {preferences.map((p) => (
            <CheckboxField
              key={p.event}
              id={`notify-${p.event}`}
              name="enabled"
              value={p.event}
              label={p.label}
              hint={p.description}
              checked={enabled.has(p.event)}
              onChange={(e) => toggle(p.event, e.currentTarget.checked)}
            />
          ))}
        </Fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save notification settings"}
        </Button>
      </form>
    </div>
  );
}
