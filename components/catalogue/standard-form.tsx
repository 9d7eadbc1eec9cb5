"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/errors";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, SelectField, TextArea, TextField } from "@/components/ui";
import { saveStandardAction } from "@/lib/catalogue/actions";
import { standardFormSchema } from "@/lib/catalogue/schema";

export type StandardFormValues = {
  reference: string;
  larsCode: string;
  title: string;
  level: string;
  versions: string;
  options: string;
  overallGrades: string;
  components: string;
  combinations: string;
  fallback: string;
};

const FIELDS: (keyof StandardFormValues)[] = [
  "reference",
  "larsCode",
  "title",
  "level",
  "versions",
  "options",
  "overallGrades",
  "components",
  "combinations",
  "fallback",
];

export function StandardForm({ initial, id, updatedAt }: { initial: StandardFormValues; id?: string; updatedAt?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<StandardFormValues>({ defaultValues: initial });
  const { register, handleSubmit, setError, clearErrors, formState } = form;
  const errors = formState.errors;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    clearErrors();
    // The same schema the server uses: report every problem before anything is sent.
    const parsed = standardFormSchema.safeParse(values);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "reference") as keyof StandardFormValues;
        if (!seen.has(field)) setError(field, { type: "schema", message: issue.message }, { shouldFocus: seen.size === 0 });
        seen.add(field);
      }
      return;
    }
    startTransition(async () => {
      const result = await saveStandardAction({ ...values, id, updatedAt });
      if (result.ok) {
        router.push(`/admin/standards?saved=${encodeURIComponent(values.reference.toUpperCase())}`);
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  const summary = [
    ...FIELDS.flatMap((f) => (errors[f]?.message ? [{ field: f, message: errors[f]!.message! }] : [])),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <ErrorSummary errors={summary} />
      <div className="grid gap-x-6 sm:grid-cols-3">
        <TextField id="reference" label="Reference" hint="For example ST0070" error={errors.reference?.message} {...register("reference")} />
        <TextField id="larsCode" label="LARS code" inputMode="numeric" error={errors.larsCode?.message} {...register("larsCode")} />
        <SelectField
          id="level"
          label="Level"
          options={[2, 3, 4, 5, 6, 7].map((l) => ({ value: String(l), label: `Level ${l}` }))}
          placeholder="Select"
          error={errors.level?.message}
          {...register("level")}
        />
      </div>
      <TextField id="title" label="Title" error={errors.title?.message} {...register("title")} />
      <TextField id="versions" label="Versions" hint="Comma-separated, for example 1.0, 1.1" error={errors.versions?.message} {...register("versions")} />
      <TextArea id="options" label="Options (optional)" hint="One per line" rows={3} error={errors.options?.message} {...register("options")} />
      <TextField
        id="overallGrades"
        label="Overall grades"
        hint="Lowest to highest, comma-separated, starting with Fail. The last is the highest grade."
        error={errors.overallGrades?.message}
        {...register("overallGrades")}
      />
      <TextArea
        id="components"
        label="Assessment components"
        hint="One per line: CODE | Name | grades lowest to highest. For example: PRJ | Project with report | Fail, Pass, Distinction"
        rows={5}
        className="font-mono"
        error={errors.components?.message}
        {...register("components")}
      />
      <TextArea
        id="combinations"
        label="Overall grade combinations (optional)"
        hint="Any component Fail gives Fail and all components at their top grade give the top overall grade. Other combinations, one per line, first match wins: PRJ=Distinction, PD=Pass => Merit"
        rows={5}
        className="font-mono"
        error={errors.combinations?.message}
        {...register("combinations")}
      />
      <TextField
        id="fallback"
        label="Overall grade when no combination matches"
        hint="Usually Pass"
        width="20"
        error={errors.fallback?.message}
        {...register("fallback")}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save standard"}
        </Button>
        <ButtonLink href="/admin/standards" variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
