import type { Metadata } from "next";
import { PageHeading } from "@/components/ui";
import { homeFor } from "@/lib/auth";
import { requireActor } from "@/lib/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change your password" };

export default async function ChangePasswordPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeading caption={actor.name} title="Change your password" />
      <p className="mb-6 max-w-xl text-lg">
        You stay signed in on this device. Everywhere else you are signed out and must sign in again with your new password.
      </p>
      <ChangePasswordForm home={homeFor(actor.role)} />
    </>
  );
}
