"use client";

import type { z } from "zod";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { RadioGroup, TextField } from "@/components/ui";
import { createUserAction } from "@/lib/users/actions";
import { newUserSchema } from "@/lib/users/schema";

type Values = z.input<typeof newUserSchema>;

export function NewUserForm({ roles }: { roles: { value: string; label: string }[] }) {
  const form = useActionForm<Values>({
    schema: newUserSchema,
    parsed: true,
    defaultValues: { name: "", email: "", password: "" },
    fields: ["name", "email", "role", "password"],
    action: (values) => createUserAction(newUserSchema.parse(values)),
    redirect: (_, values) => `/organisation/users?added=${encodeURIComponent(values.name)}`,
  });
  return (
    <ActionForm form={form} className="max-w-xl">
      <TextField label="Full name" autoComplete="off" {...form.field("name")} />
      <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} hint="They sign in with this address." {...form.field("email")} />
      <RadioGroup legend="Role" options={roles} {...form.field("role")} />
      <TextField
        label="Temporary password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Give it to them securely."
        {...form.field("password")}
      />
      <SubmitOrCancel pending={form.pending} pendingText="Adding…" cancelHref="/organisation/users">
        Add user
      </SubmitOrCancel>
    </ActionForm>
  );
}
