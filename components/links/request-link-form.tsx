"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { applyServerErrors, summaryFromErrors } from "@/components/forms/errors";
import { StandardCheckboxes, type StandardOption } from "@/components/standards/standard-checkboxes";
import { Button, ButtonGroup, ButtonLink, ErrorSummary, Fieldset, SelectField, TextArea } from "@/components/ui";
import { requestLinkAction } from "@/lib/links/actions";
import { requestLinkSchema, type RequestLinkInput } from "@/lib/links/schema";

export type EpaoChoice = {
  id: string;
  name: string;
  code: string;
  standards: StandardOption[];
  openLink: { status: "requested" | "active" } | null;
};

/** A provider picks an EPAO, then ticks the standards that EPAO assesses, and sends a link request. */
export function RequestLinkForm({ epaos }: { epaos: EpaoChoice[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RequestLinkInput>({
    resolver: zodResolver(requestLinkSchema),
    defaultValues: { epaoId: "", standardIds: [], message: "" },
  });
  const {
    control,
    register,
    handleSubmit,
    setValue,
    formState: { errors },
  } = form;
  const epaoId = useWatch({ control, name: "epaoId" });
  const epao = epaos.find((e) => e.id === epaoId);

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await requestLinkAction(values);
      if (result.ok) {
        router.push(`/provider/epaos?requested=${encodeURIComponent(epao?.name ?? "the EPAO")}`);
        router.refresh();
      } else {
        applyServerErrors(form, result.fieldErrors);
        if (Object.keys(result.fieldErrors).length === 0) setFormError(result.message);
      }
    });
  });

  const fields: ("epaoId" | "standardIds" | "message")[] = epao ? ["epaoId", "standardIds", "message"] : ["epaoId", "message"];
  const options = epaos.map((e) => ({
    value: e.id,
    label: `${e.name} (${e.code})${e.openLink ? (e.openLink.status === "active" ? " – already linked" : " – request pending") : ""}`,
    disabled: e.openLink !== null,
  }));

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <ErrorSummary errors={[...summaryFromErrors(errors, fields), ...(formError ? [{ message: formError }] : [])]} />
      <SelectField
        id="epaoId"
        label="End-point assessment organisation (EPAO)"
        hint="You can have one link or pending request with each EPAO."
        placeholder="Choose an EPAO"
        options={options}
        error={errors.epaoId?.message}
        {...register("epaoId", { onChange: () => setValue("standardIds", []) })}
      />
      {epao ? (
        epao.standards.length === 0 ? (
          <Fieldset id="standardIds" legend={`Standards you want ${epao.name} to assess`} legendClassName="text-lg" error={errors.standardIds?.message}>
            <p>{epao.name} has not chosen the standards it assesses yet, so you cannot ask it for a link now.</p>
          </Fieldset>
        ) : (
          <Controller
            control={control}
            name="standardIds"
            render={({ field }) => (
              <StandardCheckboxes
                name={field.name}
                legend={`Standards you want ${epao.name} to assess`}
                hint="Only the standards this EPAO assesses are listed."
                error={errors.standardIds?.message}
                options={epao.standards}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
            )}
          />
        )
      ) : null}
      <TextArea
        id="message"
        label="Message to the EPAO (optional)"
        hint="For example, how many apprentices you expect to send them and when."
        rows={4}
        error={errors.message?.message}
        {...register("message")}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send request"}
        </Button>
        <ButtonLink href="/provider/epaos" variant="secondary">
          Cancel
        </ButtonLink>
      </ButtonGroup>
    </form>
  );
}
