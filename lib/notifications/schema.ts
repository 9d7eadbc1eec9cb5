import { z } from "zod";
import { NOTIFICATION_EVENTS } from "@/lib/domain";

/**
 * The whole set of events the user wants emails about; every event not listed is switched off.
 * Strict: there is no way to name another user, settings are always the signed-in user's own.
 */
export const preferencesSchema = z.strictObject(
  {
    enabled: z
      .array(z.enum(NOTIFICATION_EVENTS, { error: "Select only events from the list" }), { error: "Select the events you want emails about" })
      .max(NOTIFICATION_EVENTS.length * 2, { error: "Select only events from the list" }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "You can only change your own notification settings" : "Select the events you want emails about") },
);
export type PreferencesInput = z.infer<typeof preferencesSchema>;
