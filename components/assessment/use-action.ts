"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";

/** Runs a server action, keeps its field errors and refreshes the page when it worked. */
export function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setMessage(result.message ?? null);
        after?.();
        router.refresh();
      } else {
        setMessage(null);
        setErrors(Object.keys(result.fieldErrors).length > 0 ? result.fieldErrors : { form: result.message });
      }
    });
  return { pending, errors, message, run };
}

export const summaryOf = (errors: Record<string, string>, prefix: string) =>
  Object.entries(errors).map(([field, message]) => ({ field: field === "form" ? undefined : `${prefix}-${field}`, message }));
