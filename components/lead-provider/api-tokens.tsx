"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, ErrorSummary, NotificationBanner, TextField } from "@/components/ui";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/dfe/token-actions";

/** Creates a token and shows it exactly once. */
export function NewTokenForm() {
  const router = useRouter();
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
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
      <ErrorSummary errors={error ? [{ field: "description", message: error }] : []} />
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const result = await createApiTokenAction({ description });
            if (result.ok) {
              setError(null);
              setToken(result.data.token);
              setDescription("");
              router.refresh();
            } else setError(result.fieldErrors.description ?? result.message);
          });
        }}
      >
        <TextField
          id="description"
          label="What is this token for?"
          hint="For example: student record system (live)"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={error ?? undefined}
          groupClassName="mb-0 min-w-80"
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}

export function RevokeTokenButton({ tokenId, description }: { tokenId: string; description: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? (
        <span className="mr-2 font-bold text-red-700" role="alert">
          {error}
        </span>
      ) : null}
      <Button
        type="button"
        variant="warning"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Revoke "${description}"? Systems using it will stop working.`)) return;
          startTransition(async () => {
            const result = await revokeApiTokenAction({ tokenId });
            if (result.ok) router.refresh();
            else setError(result.message);
          });
        }}
      >
        Revoke<span className="sr-only"> {description}</span>
      </Button>
    </>
  );
}
