"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button, ErrorSummary, TextField } from "@/components/ui";
import { signInSchema } from "@/lib/users/schema";

type Values = z.input<typeof signInSchema>;

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    if (!result || result.error) {
      setFormError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Enter a correct email address and password.");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  });

  const summary = [
    ...(errors.email?.message ? [{ field: "email", message: errors.email.message }] : []),
    ...(errors.password?.message ? [{ field: "password", message: errors.password.message }] : []),
    ...(formError ? [{ field: "email", message: formError }] : []),
  ];

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sign in">
      <ErrorSummary errors={summary} />
      <TextField
        id="email"
        label="Email address"
        type="email"
        autoComplete="username"
        spellCheck={false}
        error={errors.email?.message}
        {...register("email")}
      />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...register("password")} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
