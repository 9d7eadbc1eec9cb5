import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list of standard ids from a checkbox list: duplicates dropped, every entry an id. */
export const standardIdsField = z
  .array(z.string(), { error: "Select standards from the list" })
  .max(500, { error: "Select 500 standards or fewer" })
  .refine((ids) => ids.every((id) => UUID.test(id)), { error: "Select standards from the list" })
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

/** Shared by the "choose the standards we assess" form, its server action and the service. */
export const chooseStandardsSchema = z.object({
  standardIds: standardIdsField,
});
export type ChooseStandardsInput = z.input<typeof chooseStandardsSchema>;

/** Shared by the "assign standards to a person" form, its server action and the service. */
export const assignStandardsSchema = z.object({
  userId: z.uuid({ error: "Select a person" }),
  standardIds: standardIdsField,
});
export type AssignStandardsInput = z.input<typeof assignStandardsSchema>;

/** Roles an EPAO admin assigns standards to. */
export const STANDARD_ASSIGNEE_ROLES = ["assessor", "epao_staff"] as const;
export type StandardAssigneeRole = (typeof STANDARD_ASSIGNEE_ROLES)[number];
