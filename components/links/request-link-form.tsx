"use client";

import { useWatch } from "react-hook-form";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitOrCancel } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { StandardsField, type StandardOption } from "@/components/standards/standard-checkboxes";
import { Fieldset, SelectField, TextArea } from "@/components/ui";
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
  const form = useActionForm<RequestLinkInput>({
    schema: requestLinkSchema,
    parsed: true,
    defaultValues: { epaoId: "", standardIds: [], message: "" },
    action: requestLinkAction,
    redirect: (): string => `/provider/epaos?requested=${encodeURIComponent(epao?.name ?? "the EPAO")}`,
  });
  const epaoId = useWatch({ control: form.control, name: "epaoId" });
  const epao = epaos.find((e) => e.id === epaoId);
  const options = epaos.map((e) => ({
    value: e.id,
    label: `${e.name} (${e.code})${e.openLink ? (e.openLink.status === "active" ? " – already linked" : " – request pending") : ""}`,
    disabled: e.openLink !== null,
  }));
  const legend = `Standards you want ${epao?.name} to assess`;

  return (
    // Without an EPAO there are no standards to tick.
    <ActionForm form={epao ? form : { ...form, summary: form.summary.filter((item) => item.field !== "standardIds") }} className="max-w-3xl">
      <SelectField
        label="End-point assessment organisation (EPAO)"
        hint="You can have one link or form.pending request with each EPAO."
        placeholder="Choose an EPAO"
        options={options}
        {...form.field("epaoId", { onChange: () => form.setValue("standardIds", []) })}
      />
      {epao ? (
        epao.standards.length === 0 ? (
          <Fieldset id="standardIds" legend={legend} legendClassName="text-lg" error={form.errorFor("standardIds")}>
            <p>{epao.name} has not chosen the standards it assesses yet, so you cannot ask it for a link now.</p>
          </Fieldset>
        ) : (
          <StandardsField
            control={form.control}
            legend={legend}
            hint="Only the standards this EPAO assesses are listed."
            error={form.errorFor("standardIds")}
            options={epao.standards}
          />
        )
      ) : null}
      <TextArea
        label="Message to the EPAO (optional)"
        hint="For example, how many apprentices you expect to send them and when."
        rows={4}
        {...form.field("message")}
      />
      <SubmitOrCancel pending={form.pending} pendingText="Sending…" cancelHref="/provider/epaos">
        Send request
      </SubmitOrCancel>
    </ActionForm>
  );
}
