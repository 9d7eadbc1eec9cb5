"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors, summaryFromErrors } from "@/components/forms/errors";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, NotificationBanner, TextField } from "@/components/ui";
import { changePasswordAction } from "@/lib/users/actions";
import { changePasswordSchema } from "@/lib/users/schema";

type Values = z.input<typeof changePasswordSchema>;

export function ChangePasswordForm({ home }: { home: string }) {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(changePasswordSchema), defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" } });
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = form;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    setDone(null);
    startTransition(async () => {
      const result = await changePasswordAction(values);
      if (result.ok) {
        reset();
        setDone(result.message ?? "Your password has been changed.");
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      {done ? (
        <NotificationBanner type="success" title="Success">
          <p>{done}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary
        errors={[...summaryFromErrors(errors, ["currentPassword", "newPassword", "confirmPassword"]), ...(formError ? [{ message: formError }] : [])]}
      />
      <TextField
        id="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...register("currentPassword")}
      />
      <TextField
        id="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        error={errors.newPassword?.message}
        {...register("newPassword")}
      />
      <TextField
        id="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...register("confirmPassword")}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
        <ButtonLink href={home} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
