import { z } from "zod";
import { ROLES } from "@/lib/domain";

/** An email address, trimmed and lower-cased; `blank` is the message when it is empty. */
const emailField = (blank: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { error: blank })
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" }));

/** Shared by the react-hook-form resolver and the server action. */
export const newUserSchema = z.object({
  name: z.string().trim().min(1, { error: "Enter the person's full name" }).max(120, { error: "Name must be 120 characters or fewer" }),
  email: emailField("Enter an email address"),
  role: z.enum(ROLES, { error: "Select a role" }),
  password: z
    .string()
    .min(12, { error: "The temporary password must be at least 12 characters" })
    .max(128, { error: "The temporary password must be 128 characters or fewer" }),
});
export type NewUserInput = z.infer<typeof newUserSchema>;

export const changeRoleSchema = z.object({
  userId: z.uuid(),
  role: z.enum(ROLES, { error: "Select a role" }),
  version: z.number().int().positive(),
});
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const setDisabledSchema = z.object({
  userId: z.uuid(),
  disabled: z.boolean(),
  version: z.number().int().positive(),
});
export type SetDisabledInput = z.infer<typeof setDisabledSchema>;

export const signInSchema = z.object({
  email: emailField("Enter your email address"),
  password: z.string().min(1, { error: "Enter your password" }),
});

export const signOutEverywhereSchema = z.object({
  userId: z.uuid(),
});
export type SignOutEverywhereInput = z.infer<typeof signOutEverywhereSchema>;

/** Changing one's own password. The new one follows the same rules as a temporary password. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password" }).max(1024, { error: "Enter your current password" }),
    newPassword: z
      .string()
      .min(12, { error: "Your new password must be at least 12 characters" })
      .max(128, { error: "Your new password must be 128 characters or fewer" }),
    confirmPassword: z.string().min(1, { error: "Enter your new password again" }),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], error: "The passwords do not match" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: "Your new password must be different from your current password" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
