"use client";

import type { z } from "zod";
import { SuccessBanner } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { ButtonGroup, ButtonLink, ErrorSummary, TextField } from "@/components/ui";
import { changePasswordAction } from "@/lib/users/actions";
import { changePasswordSchema } from "@/lib/users/schema";

type Values = z.input<typeof changePasswordSchema>;

export function ChangePasswordForm({ home }: { home: string }) {
  const { field, summary, message, pending, submit } = useActionForm<Values>({
    schema: changePasswordSchema,
    parsed: true,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    action: changePasswordAction,
    resetOnSuccess: true,
    successMessage: "Your password has been changed.",
    refresh: false,
  });
  return (
    <form onSubmit={submit} noValidate className="max-w-xl">
      <SuccessBanner message={message} />
      <ErrorSummary errors={summary} />
      <TextField label="Current password" type="password" autoComplete="current-password" {...field("currentPassword")} />
      <TextField label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." {...field("newPassword")} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" {...field("confirmPassword")} />
      <ButtonGroup>
        <SubmitButton pending={pending} pendingText="Changing…">
          Change password
        </SubmitButton>
        <ButtonLink href={home} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
