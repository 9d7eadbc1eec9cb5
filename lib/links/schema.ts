import { z } from "zod";
import { standardIdsField } from "@/lib/standards/schema";

/** A provider asks an EPAO for a link: shared by the request form, its server action and the service. */
export const requestLinkSchema = z.object({
  epaoId: z.uuid({ error: "Select an EPAO" }),
  standardIds: standardIdsField.refine((ids) => ids.length > 0, { error: "Select at least one standard" }),
  message: z.string().trim().max(1000, { error: "The message must be 1000 characters or fewer" }).optional(),
});
export type RequestLinkInput = z.input<typeof requestLinkSchema>;

/** An EPAO accepts or declines a pending request; declining needs a reason the provider will see. */
export const respondToLinkSchema = z
  .object({
    linkId: z.uuid(),
    version: z.number().int().positive(),
    decision: z.enum(["accept", "decline"], { error: "Select whether to accept or decline the request" }),
    declineReason: z.string().trim().max(1000, { error: "The reason must be 1000 characters or fewer" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "decline" && !value.declineReason) {
      ctx.addIssue({ code: "custom", path: ["declineReason"], message: "Enter the reason for declining the request" });
    }
  });
export type RespondToLinkInput = z.input<typeof respondToLinkSchema>;

/** Either side ends an active link; the provider also cancels a pending request this way. */
export const endLinkSchema = z.object({
  linkId: z.uuid(),
  version: z.number().int().positive(),
});
export type EndLinkInput = z.input<typeof endLinkSchema>;

export type LinkDecision = z.output<typeof respondToLinkSchema>["decision"];
