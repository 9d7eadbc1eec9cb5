import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationBanner } from "@/components/ui";
import { homeFor } from "@/lib/auth";
import { getActor } from "@/lib/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, { type: "important" | "success"; text: string }> = {
  "signed-out": { type: "success", text: "You have signed out. You are signed out on all your devices." },
  ended: {
    type: "important",
    text: "Your session has ended. You may have signed out on another device or changed your password, or your account may have been disabled or changed. Sign in again to continue.",
  },
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  const params = await searchParams;
  const reason = typeof params.reason === "string" ? REASONS[params.reason] : undefined;
  const callbackUrl =
    typeof params.callbackUrl === "string" && params.callbackUrl.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/";
  return (
    <div className="min-h-screen">
      <header className="border-b-8 border-brand-600 bg-brand-900 text-white">
        <div className="mx-auto max-w-5xl px-4 py-4 text-2xl font-bold sm:px-6">Attain</div>
      </header>
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        <div className="max-w-md">
          {reason ? (
            <NotificationBanner type={reason.type}>
              <p>{reason.text}</p>
            </NotificationBanner>
          ) : null}
          <h1 className="mb-2 text-4xl font-bold">Sign in</h1>
          <p className="mb-6 text-lg text-govuk-secondary">End-point assessment, certification and lead provider management.</p>
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </main>
    </div>
  );
}
