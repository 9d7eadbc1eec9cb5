"use client";

import { useState } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { SubmitButton } from "@/components/forms/submit-button";
import { useAction } from "@/components/forms/use-action";
import { ErrorSummary, NotificationBanner, TextField } from "@/components/ui";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/dfe/token-actions";

/** Creates a token and shows it exactly once. */
export function NewTokenForm() {
  const [description, setDescription] = useState("");
  const [token, setToken] = useState<string | null>(null);
  const { pending, problem, summaryAt, run } = useAction();
  return (
    <div>
      {token ? (
        <NotificationBanner type="success" title="Your new API token">
          <p className="mb-2">
            Copy it now: it will not be shown again. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
          <p>
            <code className="block break-all rounded bg-white p-3 font-mono text-base" aria-label="New API token">
              {token}
            </code>
          </p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={summaryAt("description")} />
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          const created = (data: { token: string }) => {
            setToken(data.token);
            setDescription("");
          };
          run(() => createApiTokenAction({ description }), { onSuccess: created });
        }}
      >
        <TextField
          id="description"
          label="What is this token for?"
          hint="For example: student record system (live)"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={problem ?? undefined}
          groupClassName="mb-0 min-w-80"
        />
        <SubmitButton pending={pending} pendingText="Creating…">
          Create token
        </SubmitButton>
      </form>
    </div>
  );
}

export function RevokeTokenButton({ tokenId, description }: { tokenId: string; description: string }) {
  return (
    <ActionButton
      variant="warning"
      confirm={`Revoke "${description}"? Systems using it will stop working.`}
      action={() => revokeApiTokenAction({ tokenId })}
      hiddenContext={description}
      problem={{ first: true, as: "span", className: "mr-2 font-bold text-red-700" }}
    >
      Revoke
    </ActionButton>
  );
}
