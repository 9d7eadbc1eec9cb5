"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, ErrorSummary, SelectField } from "@/components/ui";
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
  const router = useRouter();
  const [value, setValue] = useState(current ?? "none");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await assignAction({ apprenticeIds: [apprenticeId], assessorId: value === "none" ? null : value });
          if (result.ok) {
            setError(null);
            router.refresh();
          } else setError(Object.values(result.fieldErrors)[0] ?? result.message);
        });
      }}
    >
      <ErrorSummary errors={error ? [{ field: "assessor", message: error }] : []} />
      <SelectField
        id="assessor"
        label="Assessor"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        options={[{ value: "none", label: "Not assigned" }, ...assessors.map((a) => ({ value: a.id, label: a.label }))]}
        error={error ?? undefined}
        groupClassName="mb-0"
      />
      <Button type="submit" variant="secondary" className="mb-0" disabled={pending || value === (current ?? "none")}>
        {pending ? "Saving…" : "Save assessor"}
      </Button>
    </form>
  );
}
