"use client";

import { useState } from "react";
import { SuccessBanner } from "@/components/forms/inline-message";
import { useAction } from "@/components/forms/use-action";
import { Button, ErrorSummary, RadioGroup } from "@/components/ui";
import type { Role } from "@/lib/domain";
import type { ActionResult } from "@/lib/errors";
import { changeUserRoleAction, setUserDisabledAction, signOutEverywhereAction } from "@/lib/users/actions";

type Props = {
  user: { id: string; name: string; role: Role; disabled: boolean; version: number };
  roles: { value: string; label: string }[];
};

export function UserAdminForms({ user, roles }: Props) {
  const { pending, message, summary, run } = useAction();
  const [role, setRole] = useState<string>(user.role);
  const save = (call: () => Promise<ActionResult<unknown>>) => run(call, { successMessage: "Saved." });

  return (
    <div className="mt-8 max-w-xl space-y-10">
      <ErrorSummary errors={summary((field) => field)} />
      <SuccessBanner message={message} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save(() => changeUserRoleAction({ userId: user.id, role: role as Role, version: user.version }));
        }}
      >
        <h2 className="mb-4 text-2xl font-bold">Change role</h2>
        <RadioGroup name="role" legend={<span className="sr-only">Role</span>} options={roles} value={role} onChange={(e) => setRole(e.currentTarget.value)} />
        <Button type="submit" disabled={pending || role === user.role}>
          Save role
        </Button>
      </form>
      <section>
        <h2 className="mb-4 text-2xl font-bold">{user.disabled ? "Re-enable account" : "Disable account"}</h2>
        <p className="mb-4">
          {user.disabled
            ? `${user.name} cannot sign in. Re-enabling lets them sign in again with their existing password.`
            : `${user.name} will be signed out on their next request and will not be able to sign in. Their history is kept.`}
        </p>
        <Button
          type="button"
          variant={user.disabled ? "secondary" : "warning"}
          disabled={pending}
          onClick={() => save(() => setUserDisabledAction({ userId: user.id, disabled: !user.disabled, version: user.version }))}
        >
          {user.disabled ? "Re-enable account" : "Disable account"}
        </Button>
      </section>
      {user.disabled ? null : (
        <section>
          <h2 className="mb-4 text-2xl font-bold">Sign out everywhere</h2>
          <p className="mb-4">{`Ends every session ${user.name} has, on every device (for example a lost laptop or a shared computer). They can sign in again with their password.`}</p>
          <Button type="button" variant="secondary" disabled={pending} onClick={() => save(() => signOutEverywhereAction({ userId: user.id }))}>
            Sign out everywhere
          </Button>
        </section>
      )}
    </div>
  );
}
