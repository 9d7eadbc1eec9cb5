"use client";

import type { z } from "zod";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { ButtonGroup, ButtonLink, ErrorSummary, RadioGroup, TextField } from "@/components/ui";
import { createUserAction } from "@/lib/users/actions";
import { newUserSchema } from "@/lib/users/schema";

type Values = z.input<typeof newUserSchema>;

export function NewUserForm({ roles }: { roles: { value: string; label: string }[] }) {
  const { field, summary, pending, submit } = useActionForm<Values>({
    schema: newUserSchema,
    parsed: true,
    defaultValues: { name: "", email: "", password: "" },
    fields: ["name", "email", "role", "password"],
    action: (values) => createUserAction(newUserSchema.parse(values)),
    redirect: (_, values) => `/organisation/users?added=${encodeURIComponent(values.name)}`,
  });
  return (
    <form onSubmit={submit} noValidate className="max-w-xl">
      <ErrorSummary errors={summary} />
      <TextField label="Full name" autoComplete="off" {...field("name")} />
      <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} hint="They sign in with this address." {...field("email")} />
      <RadioGroup legend="Role" options={roles} {...field("role")} />
      <TextField
        label="Temporary password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Give it to them securely."
        {...field("password")}
      />
      <ButtonGroup>
        <SubmitButton pending={pending} pendingText="Adding…">
          Add user
        </SubmitButton>
        <ButtonLink href="/organisation/users" variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
