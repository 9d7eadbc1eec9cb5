"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui";
import type { AddressValues } from "./address-values";

/** The props a form's `field(name)` gives a control (see `useActionForm`). */
type FieldProps = UseFormRegisterReturn & { id: string; error?: string };

/** The postal contact fields of an ESFA certificate claim, bound to the form by `field` (ids `${prefix}-${name}`). */
export function AddressFields({ field }: { field: (name: keyof AddressValues) => FieldProps }) {
  const text = (name: keyof AddressValues, label: string, extra: { hint?: string; autoComplete?: string; width?: "full" | "20" | "10" } = {}) => (
    <TextField label={label} hint={extra.hint} autoComplete={extra.autoComplete} width={extra.width ?? "20"} {...field(name)} />
  );
  return (
    <>
      {text("contactName", "Addressed to", { hint: "The person the certificate is posted to", autoComplete: "off" })}
      {text("department", "Department (optional)")}
      {text("organisation", "Organisation")}
      {text("addressLine1", "Address line 1", { autoComplete: "off" })}
      {text("addressLine2", "Address line 2 (optional)")}
      {text("addressLine3", "Address line 3 (optional)")}
      {text("city", "Town or city")}
      {text("postcode", "Postcode", { width: "10", hint: "A UK postcode, like LS1 4AP" })}
    </>
  );
}
