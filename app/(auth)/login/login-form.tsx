"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextField } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { signInSchema } from "@/lib/users/schema";

type Values = z.input<typeof signInSchema>;

/** next-auth's sign-in as an action result: a refusal is a message about the form. */
async function signInAction(values: Values): Promise<ActionResult> {
  const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
  if (result && !result.error) return { ok: true, data: undefined };
  const message = result?.error && result.error !== "CredentialsSignin" ? result.error : "Enter a correct email address and password.";
  return { ok: false, status: 401, message, fieldErrors: {} };
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const form = useActionForm<Values>({
    schema: signInSchema,
    parsed: true,
    defaultValues: { email: "", password: "" },
    action: signInAction,
    onSuccess: () => router.replace(callbackUrl),
  });
  return (
    // A refused sign-in links to the email address.
    <ActionForm form={{ ...form, summary: form.summary.map((item) => ({ field: "email", ...item })) }} aria-label="Sign in">
      <TextField label="Email address" type="email" autoComplete="username" spellCheck={false} {...form.field("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" {...form.field("password")} />
      <SubmitButton pending={form.pending} pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </ActionForm>
  );
}
