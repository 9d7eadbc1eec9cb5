"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, RadioGroup, TextField } from "@/components/ui";
import { createUserAction } from "@/lib/users/actions";
import { newUserSchema } from "@/lib/users/schema";
import { applyServerErrors, summaryFromErrors } from "@/components/forms/errors";

type Values = z.input<typeof newUserSchema>;

export function NewUserForm({ roles }: { roles: { value: string; label: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(newUserSchema), defaultValues: { name: "", email: "", password: "" } });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = form;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createUserAction(newUserSchema.parse(values));
      if (result.ok) {
        router.push(`/organisation/users?added=${encodeURIComponent(values.name)}`);
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      <ErrorSummary errors={[...summaryFromErrors(errors, ["name", "email", "role", "password"]), ...(formError ? [{ message: formError }] : [])]} />
      <TextField id="name" label="Full name" autoComplete="off" error={errors.name?.message} {...register("name")} />
      <TextField
        id="email"
        label="Email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        hint="They sign in with this address."
        error={errors.email?.message}
        {...register("email")}
      />
      <RadioGroup legend="Role" options={roles} error={errors.role?.message} {...register("role")} />
      <TextField
        id="password"
        label="Temporary password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Give it to them securely."
        error={errors.password?.message}
        {...register("password")}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
        <ButtonLink href="/organisation/users" variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
