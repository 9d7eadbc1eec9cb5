"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { SelectField, TextArea, TextField } from "@/components/ui";
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

/** The fields written in a small notation, one entry a line (shown in a fixed-width font). */
const CODE_FIELDS: [keyof StandardFormValues, string, string][] = [
  [
    "components",
    "Assessment components",
    "One per line: CODE | Name | grades lowest to highest. For example: PRJ | Project with report | Fail, Pass, Distinction",
  ],
  [
    "combinations",
    "Overall grade combinations (optional)",
    "Any component Fail gives Fail and all components at their top grade give the top overall grade. Other combinations, one per line, first match wins: PRJ=Distinction, PD=Pass => Merit",
  ],
];

export function StandardForm({ initial, id, updatedAt }: { initial: StandardFormValues; id?: string; updatedAt?: string }) {
  const form = useActionForm<StandardFormValues>({
    // The same schema the server uses: report every problem before anything is sent.
    schema: standardFormSchema,
    defaultValues: initial,
    fields: FIELDS,
    action: (values) => saveStandardAction({ ...values, id, updatedAt }),
    redirect: (_, values) => `/admin/standards?saved=${encodeURIComponent(values.reference.toUpperCase())}`,
  });

  return (
    <ActionForm form={form} className="max-w-3xl">
      <div className="grid gap-x-6 sm:grid-cols-3">
        <TextField label="Reference" hint="For example ST0070" {...form.field("reference")} />
        <TextField label="LARS code" inputMode="numeric" {...form.field("larsCode")} />
        <SelectField
          label="Level"
          options={[2, 3, 4, 5, 6, 7].map((l) => ({ value: String(l), label: `Level ${l}` }))}
          placeholder="Select"
          {...form.field("level")}
        />
      </div>
      <TextField label="Title" {...form.field("title")} />
      <TextField label="Versions" hint="Comma-separated, for example 1.0, 1.1" {...form.field("versions")} />
      <TextArea label="Options (optional)" hint="One per line" rows={3} {...form.field("options")} />
      <TextField
        label="Overall grades"
        hint="Lowest to highest, comma-separated, starting with Fail. The last is the highest grade."
        {...form.field("overallGrades")}
      />
      {CODE_FIELDS.map(([name, label, hint]) => (
        <TextArea key={name} label={label} hint={hint} rows={5} className="font-mono" {...form.field(name)} />
      ))}
      <TextField label="Overall grade when no combination matches" hint="Usually Pass" width="20" {...form.field("fallback")} />
      <SubmitOrCancel pending={form.pending} pendingText="Saving…" cancelHref="/admin/standards">
        Save standard
      </SubmitOrCancel>
    </ActionForm>
  );
}
