"use client";

import { useWatch } from "react-hook-form";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { DateField, SelectField, TextField, type FieldWidth } from "@/components/ui";
import { createApprenticeAction, updateApprenticeAction } from "@/lib/apprentices/actions";
import { apprenticeDetailsSchema, newApprenticeSchema } from "@/lib/apprentices/schema";

type LinkedEpao = {
  epaoId: string;
  name: string;
  code: string;
  standards: { id: string; reference: string; title: string; versions: string[]; options: string[] }[];
};

type Values = {
  uln: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  email: string;
  employerName: string;
  employerContactName: string;
  employerContactEmail: string;
  employerAddressLine1: string;
  employerAddressLine2: string;
  employerTown: string;
  employerPostcode: string;
  standardId: string;
  epaoId: string;
  standardVersion: string;
  standardOption: string;
  startDate: string;
  plannedEndDate: string;
};

const FIELD_ORDER: (keyof Values)[] = [
  "epaoId",
  "standardId",
  "standardVersion",
  "standardOption",
  "uln",
  "givenNames",
  "familyName",
  "dateOfBirth",
  "email",
  "startDate",
  "plannedEndDate",
  "employerName",
  "employerContactName",
  "employerContactEmail",
  "employerAddressLine1",
  "employerAddressLine2",
  "employerTown",
  "employerPostcode",
];

type Props =
  | { mode: "create"; epaos: LinkedEpao[]; cancelHref: string; recordBase: string }
  | {
      mode: "edit";
      cancelHref: string;
      recordBase: string;
      record: Partial<Record<keyof Values, string | null>> & { id: string; version: number };
      standard: { reference: string; title: string; versions: string[]; options: string[] };
    };

/** The employer's fields: name, label and width. */
const EMPLOYER_FIELDS: [keyof Values & `employer${string}`, string, FieldWidth?][] = [
  ["employerName", "Employer name"],
  ["employerContactName", "Contact name (optional)"],
  ["employerContactEmail", "Contact email address (optional)"],
  ["employerAddressLine1", "Address line 1 (optional)"],
  ["employerAddressLine2", "Address line 2 (optional)"],
  ["employerTown", "Town or city (optional)", "20"],
  ["employerPostcode", "Postcode (optional)", "10"],
];

const blank: Values = Object.fromEntries(FIELD_ORDER.map((k) => [k, ""])) as Values;

export function ApprenticeForm(props: Props) {
  const create = props.mode === "create";
  const form = useActionForm<Values>({
    schema: create ? newApprenticeSchema : apprenticeDetailsSchema,
    defaultValues: props.mode === "edit" ? { ...blank, ...Object.fromEntries(Object.entries(props.record).map(([k, v]) => [k, v ?? ""])) } : blank,
    fields: FIELD_ORDER,
    action: (values) =>
      props.mode === "create" ? createApprenticeAction(values) : updateApprenticeAction({ ...values, id: props.record.id, version: props.record.version }),
    redirect: (data) => `${props.recordBase}/${props.mode === "create" ? (data as { id: string }).id : props.record.id}?done=${create ? "created" : "updated"}`,
  });

  const epaoId = useWatch({ control: form.control, name: "epaoId" });
  const standardId = useWatch({ control: form.control, name: "standardId" });
  const epao = props.mode === "create" ? props.epaos.find((e) => e.epaoId === epaoId) : undefined;
  const standard = props.mode === "create" ? epao?.standards.find((s) => s.id === standardId) : props.standard;

  return (
    <ActionForm form={form} className="max-w-2xl">
      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">Apprenticeship</legend>
        {props.mode === "create" ? (
          <>
            <SelectField
              label="End-point assessment organisation"
              hint="Only EPAOs you have an active link with are listed."
              placeholder="Select an EPAO"
              options={props.epaos.map((e) => ({ value: e.epaoId, label: `${e.name} (${e.code})` }))}
              {...form.field("epaoId")}
            />
            <SelectField
              label="Standard"
              placeholder={epao ? "Select a standard" : "Select an EPAO first"}
              disabled={!epao}
              options={(epao?.standards ?? []).map((s) => ({ value: s.id, label: `${s.reference} ${s.title}` }))}
              {...form.field("standardId")}
            />
          </>
        ) : (
          <p className="mb-6">
            <span className="font-bold">{props.standard.reference}</span> {props.standard.title}
          </p>
        )}
        <SelectField
          label="Version"
          placeholder={standard ? "Select a version" : "Select a standard first"}
          disabled={!standard}
          options={(standard?.versions ?? []).map((v) => ({ value: v, label: v }))}
          {...form.field("standardVersion")}
        />
        {standard && standard.options.length > 0 ? (
          <SelectField
            label="Option"
            placeholder="Select an option"
            options={standard.options.map((o) => ({ value: o, label: o }))}
            {...form.field("standardOption")}
          />
        ) : null}
        <DateField label="Start date" {...form.field("startDate")} />
        <DateField label="Planned end date" {...form.field("plannedEndDate")} />
      </fieldset>

      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">Apprentice</legend>
        <TextField label="Unique learner number (ULN)" hint="10 digits" inputMode="numeric" width="10" autoComplete="off" {...form.field("uln")} />
        <TextField label="Given names" {...form.field("givenNames")} />
        <TextField label="Family name" hint="As held on the Learning Records Service: certificates are claimed with it." {...form.field("familyName")} />
        <DateField label="Date of birth" {...form.field("dateOfBirth")} />
        <TextField type="email" label="Email address (optional)" {...form.field("email")} />
      </fieldset>

      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">Employer</legend>
        {EMPLOYER_FIELDS.map(([name, label, width]) => (
          <TextField key={name} type={name === "employerContactEmail" ? "email" : undefined} label={label} width={width} {...form.field(name)} />
        ))}
      </fieldset>

      <SubmitOrCancel pending={form.pending} pendingText="Saving…" cancelHref={props.cancelHref}>
        {create ? "Create record" : "Save changes"}
      </SubmitOrCancel>
    </ActionForm>
  );
}
