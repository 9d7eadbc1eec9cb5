"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAction } from "@/components/forms/use-action";
import { ErrorSummary, SelectField } from "@/components/ui";
import { assignAction } from "@/lib/apprentices/actions";

export function AssignAssessor({
  apprenticeId,
  current,
  assessors,
}: {
  apprenticeId: string;
  current: string | null;
  assessors: { id: string; label: string }[];
}) {
  const [value, setValue] = useState(current ?? "none");
  const { pending, problem, summaryAt, run } = useAction();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => assignAction({ apprenticeIds: [apprenticeId], assessorId: value === "none" ? null : value }));
      }}
    >
      <ErrorSummary errors={summaryAt("assessor")} />
      <SelectField
        id="assessor"
        label="Assessor"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        options={[{ value: "none", label: "Not assigned" }, ...assessors.map((a) => ({ value: a.id, label: a.label }))]}
        error={problem ?? undefined}
        groupClassName="mb-0"
      />
      <SubmitButton variant="secondary" className="mb-0" pending={pending} pendingText="Saving…" disabled={value === (current ?? "none")}>
        Save assessor
      </SubmitButton>
    </form>
  );
}
