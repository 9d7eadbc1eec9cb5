"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui";

/**
 * The header's account controls. Signing out ends the session on the server (next-auth's signout endpoint bumps the
 * user's session version, lib/session/session-version.ts), so it signs the person out on every device, as the button says.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <Link
        href="/account/password"
        className="text-white underline decoration-1 underline-offset-[0.15em] hover:decoration-[3px] focus-visible:bg-focus focus-visible:text-govuk-black focus-visible:no-underline focus-visible:outline-none"
      >
        Change password
      </Link>
      <Button
        type="button"
        variant="inverse"
        disabled={pending}
        title="Signs you out on every device"
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/login?reason=signed-out" });
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
