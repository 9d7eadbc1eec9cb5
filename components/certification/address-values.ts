/** Address form values, shared by the server pages and the client forms (not a client module). */
export type AddressValues = {
  contactName: string;
  department: string;
  organisation: string;
  addressLine1: string;
  addressLine2: string;
  addressLine3: string;
  city: string;
  postcode: string;
};

export const EMPTY_ADDRESS: AddressValues = {
  contactName: "",
  department: "",
  organisation: "",
  addressLine1: "",
  addressLine2: "",
  addressLine3: "",
  city: "",
  postcode: "",
};

/** An address as stored (nulls for blanks) → form values. */
export function addressValues(a: Partial<Record<keyof AddressValues, string | null | undefined>> | null | undefined): AddressValues {
  return Object.fromEntries(Object.keys(EMPTY_ADDRESS).map((k) => [k, a?.[k as keyof AddressValues] ?? ""])) as AddressValues;
}
