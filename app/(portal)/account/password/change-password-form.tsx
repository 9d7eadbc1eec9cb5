"use client";

import type { z } from "zod";
import { ActionForm } from "@/components/forms/action-form";
import { SuccessBanner } from "@/components/forms/inline-message";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextField } from "@/components/ui";
import { changePasswordAction } from "@/lib/users/actions";
import { changePasswordSchema } from "@/lib/users/schema";

type Values = z.input<typeof changePasswordSchema>;

export function ChangePasswordForm({ home }: { home: string }) {
  const form = useActionForm<Values>({
    schema: changePasswordSchema,
    parsed: true,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    action: changePasswordAction,
    resetOnSuccess: true,
    successMessage: "Your password has been changed.",
    refresh: false,
  });
  return (
    <ActionForm form={form} className="max-w-xl">
      <SuccessBanner message={form.message} />
      <TextField label="Current password" type="password" autoComplete="current-password" {...form.field("currentPassword")} />
      <TextField label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." {...form.field("newPassword")} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" {...form.field("confirmPassword")} />
      <SubmitOrCancel pending={form.pending} pendingText="Changing…" cancelHref={home}>
        Change password
      </SubmitOrCancel>
    </ActionForm>
  );
}
