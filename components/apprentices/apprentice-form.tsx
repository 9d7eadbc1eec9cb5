"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/errors";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, SelectField, TextField } from "@/components/ui";
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

const blank: Values = Object.fromEntries(FIELD_ORDER.map((k) => [k, ""])) as Values;

export function ApprenticeForm(props: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const defaults: Values = props.mode === "edit" ? { ...blank, ...Object.fromEntries(Object.entries(props.record).map(([k, v]) => [k, v ?? ""])) } : blank;
  const schema = props.mode === "create" ? newApprenticeSchema : apprenticeDetailsSchema;
  const form = useForm<Values>({
    resolver: zodResolver(schema, undefined, { raw: true }) as unknown as Resolver<Values>,
    defaultValues: defaults,
    mode: "onSubmit",
  });
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = form;

  const epaoId = useWatch({ control, name: "epaoId" });
  const standardId = useWatch({ control, name: "standardId" });
  const epao = props.mode === "create" ? props.epaos.find((e) => e.epaoId === epaoId) : undefined;
  const standard = props.mode === "create" ? epao?.standards.find((s) => s.id === standardId) : props.standard;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result =
        props.mode === "create"
          ? await createApprenticeAction(values)
          : await updateApprenticeAction({ ...values, id: props.record.id, version: props.record.version });
      if (result.ok) {
        const id = props.mode === "create" ? (result.data as { id: string }).id : props.record.id;
        router.push(`${props.recordBase}/${id}?done=${props.mode === "create" ? "created" : "updated"}`);
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  const summary = [
    ...FIELD_ORDER.flatMap((f) => (errors[f]?.message ? [{ field: f, message: errors[f]!.message! }] : [])),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl">
      <ErrorSummary errors={summary} />
      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">Apprenticeship</legend>
        {props.mode === "create" ? (
          <>
            <SelectField
              id="epaoId"
              label="End-point assessment organisation"
              hint="Only EPAOs you have an active link with are listed."
              placeholder="Select an EPAO"
              options={props.epaos.map((e) => ({ value: e.epaoId, label: `${e.name} (${e.code})` }))}
              error={errors.epaoId?.message}
              {...register("epaoId")}
            />
            <SelectField
              id="standardId"
              label="Standard"
              placeholder={epao ? "Select a standard" : "Select an EPAO first"}
              disabled={!epao}
              options={(epao?.standards ?? []).map((s) => ({ value: s.id, label: `${s.reference} ${s.title}` }))}
              error={errors.standardId?.message}
              {...register("standardId")}
            />
          </>
        ) : (
          <p className="mb-6">
            <span className="font-bold">{props.standard.reference}</span> {props.standard.title}
          </p>
        )}
        <SelectField
          id="standardVersion"
          label="Version"
          placeholder={standard ? "Select a version" : "Select a standard first"}
          disabled={!standard}
          options={(standard?.versions ?? []).map((v) => ({ value: v, label: v }))}
          error={errors.standardVersion?.message}
          {...register("standardVersion")}
        />
        {standard && standard.options.length > 0 ? (
          <SelectField
            id="standardOption"
            label="Option"
            placeholder="Select an option"
            options={standard.options.map((o) => ({ value: o, label: o }))}
            error={errors.standardOption?.message}
            {...register("standardOption")}
          />
        ) : null}
        <TextField id="startDate" type="date" label="Start date" width="10" error={errors.startDate?.message} {...register("startDate")} />
        <TextField id="plannedEndDate" type="date" label="Planned end date" width="10" error={errors.plannedEndDate?.message} {...register("plannedEndDate")} />
      </fieldset>

      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">Apprentice</legend>
        <TextField
          id="uln"
          label="Unique learner number (ULN)"
          hint="10 digits"
          inputMode="numeric"
          width="10"
          autoComplete="off"
          error={errors.uln?.message}
          {...register("uln")}
        />
        <TextField id="givenNames" label="Given names" error={errors.givenNames?.message} {...register("givenNames")} />
        <TextField
          id="familyName"
          label="Family name"
          hint="As held on the Learning Records Service: certificates are claimed with it."
          error={errors.familyName?.message}
          {...register("familyName")}
        />
        <TextField id="dateOfBirth" type="date" label="Date of birth" width="10" error={errors.dateOfBirth?.message} {...register("dateOfBirth")} />
        <TextField id="email" type="email" label="Email address (optional)" error={errors.email?.message} {...register("email")} />
      </fieldset>

      <fieldset className="mb-8">
        <legend className="mb-4 text-2xl font-bold">Employer</legend>
        <TextField id="employerName" label="Employer name" error={errors.employerName?.message} {...register("employerName")} />
        <TextField id="employerContactName" label="Contact name (optional)" error={errors.employerContactName?.message} {...register("employerContactName")} />
        <TextField
          id="employerContactEmail"
          type="email"
          label="Contact email address (optional)"
          error={errors.employerContactEmail?.message}
          {...register("employerContactEmail")}
        />
        <TextField
          id="employerAddressLine1"
          label="Address line 1 (optional)"
          error={errors.employerAddressLine1?.message}
          {...register("employerAddressLine1")}
        />
        <TextField
          id="employerAddressLine2"
          label="Address line 2 (optional)"
          error={errors.employerAddressLine2?.message}
          {...register("employerAddressLine2")}
        />
        <TextField id="employerTown" label="Town or city (optional)" width="20" error={errors.employerTown?.message} {...register("employerTown")} />
        <TextField id="employerPostcode" label="Postcode (optional)" width="10" error={errors.employerPostcode?.message} {...register("employerPostcode")} />
      </fieldset>

      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create record" : "Save changes"}
        </Button>
        <ButtonLink href={props.cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
