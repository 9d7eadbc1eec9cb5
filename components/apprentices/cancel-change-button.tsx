"use client";

import { ActionButton } from "@/components/forms/action-button";
import { cancelEpaoChangeAction } from "@/lib/apprentices/actions";

export function CancelChangeButton({ changeId }: { changeId: string }) {
  return (
    <div className="mt-3">
      <ActionButton variant="secondary" action={() => cancelEpaoChangeAction({ changeId })} problem={{ first: true, className: "mb-2 font-bold text-red-700" }}>
        Cancel the request
      </ActionButton>
    </div>
  );
}
