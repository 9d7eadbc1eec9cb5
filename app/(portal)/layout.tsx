import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Header, PrimaryNav, containerClass } from "@/components/ui";
import { navigationFor } from "@/components/layout/navigation";
import { homeFor } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/domain";
import { requireActor } from "@/lib/session";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex min-h-screen flex-col">
      <Header
        serviceName="Attain"
        homeHref={homeFor(actor.role)}
        user={{ name: actor.name, organisationName: actor.organisationName, roleLabel: ROLE_LABELS[actor.role] }}
        signOut={<SignOutButton />}
      />
      <PrimaryNav items={navigationFor(actor.role)} label="Main" />
      <main id="main-content" tabIndex={-1} className={`${containerClass} w-full flex-1 py-8`}>
        {children}
      </main>
      <footer className="border-t border-govuk-border bg-white">
        <div className={`${containerClass} py-4 text-sm text-govuk-secondary`}>Attain · end-point assessment and lead provider portal</div>
      </footer>
    </div>
  );
}
