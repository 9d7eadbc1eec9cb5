"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui";
import { cancelEpaoChangeAction } from "@/lib/apprentices/actions";

export function CancelChangeButton({ changeId }: { changeId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-3">
      {error ? (
        <p className="mb-2 font-bold text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await cancelEpaoChangeAction({ changeId });
            if (result.ok) router.refresh();
            else setError(result.message);
          })
        }
      >
        Cancel the request
      </Button>
    </div>
  );
}
