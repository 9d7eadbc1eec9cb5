"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button, ButtonGroup, ErrorSummary } from "@/components/ui";
import { endLinkAction } from "@/lib/links/actions";

type Props = {
  linkId: string;
  version: number;
  /** The organisation on the other side, for the button's accessible name and the confirmation. */
  otherName: string;
  /** "cancel" for a provider's pending request, "end" for an active link. */
  kind: "cancel" | "end";
  side: "provider" | "epao";
};

/** Ends a link (or cancels a pending request) after an inline confirmation. */
export function EndLinkButton({ linkId, version, otherName, kind, side }: Props) {
  const pathname = usePathname();
  const { pending, summary, run, clear } = useAction();
  const [confirming, setConfirming] = useState(false);
  const prompt = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming) prompt.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        {kind === "cancel" ? "Cancel request" : "End link"}
        <span className="sr-only"> with {otherName}</span>
      </Button>
    );
  }

  const consequence =
    kind === "cancel"
      ? `Cancel your request to ${otherName}?`
      : side === "provider"
        ? `End the link with ${otherName}? You will not be able to send them new apprentice records.`
        : `End the link with ${otherName}? They will not be able to send you new apprentice records.`;

  return (
    <div className="max-w-sm">
      <ErrorSummary errors={summary()} />
      <p ref={prompt} tabIndex={-1} className="mb-3 font-bold">
        {consequence}
      </p>
      <ButtonGroup>
        <Button
          type="button"
          variant="warning"
          disabled={pending}
          onClick={() =>
            run(() => endLinkAction({ linkId, version }), {
              redirect: `${pathname}?${kind === "cancel" ? "cancelled" : "ended"}=${encodeURIComponent(otherName)}`,
            })
          }
        >
          {kind === "cancel" ? "Yes, cancel request" : "Yes, end link"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            clear();
            setConfirming(false);
          }}
        >
          {kind === "cancel" ? "Keep request" : "Keep link"}
        </Button>
      </ButtonGroup>
    </div>
  );
}
