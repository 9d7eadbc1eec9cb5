"use client";

import { TextField } from "@/components/ui";
import type { AddressValues } from "./address-values";

/** The postal contact fields of an ESFA certificate claim. Ids are `${prefix}-${field}` (for the error summary). */
export function AddressFields({
  prefix,
  values,
  errors,
  onChange,
}: {
  prefix: string;
  values: AddressValues;
  errors: Record<string, string>;
  onChange: (values: AddressValues) => void;
}) {
  const field = (name: keyof AddressValues, label: string, extra: { hint?: string; autoComplete?: string; width?: "full" | "20" | "10" } = {}) => (
    <TextField
      id={`${prefix}-${name}`}
      name={name}
      label={label}
      hint={extra.hint}
      autoComplete={extra.autoComplete}
      width={extra.width ?? "20"}
      error={errors[name]}
      value={values[name]}
      onChange={(e) => onChange({ ...values, [name]: e.currentTarget.value })}
    />
  );
  return (
    <>
      {field("contactName", "Addressed to", { hint: "The person the certificate is posted to", autoComplete: "off" })}
      {field("department", "Department (optional)")}
      {field("organisation", "Organisation")}
      {field("addressLine1", "Address line 1", { autoComplete: "off" })}
      {field("addressLine2", "Address line 2 (optional)")}
      {field("addressLine3", "Address line 3 (optional)")}
      {field("city", "Town or city")}
      {field("postcode", "Postcode", { width: "10", hint: "A UK postcode, like LS1 4AP" })}
    </>
  );
}
