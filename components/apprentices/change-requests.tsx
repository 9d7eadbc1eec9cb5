"use client";

import { useState } from "react";
import { SuccessBanner } from "@/components/forms/inline-message";
import { useAction } from "@/components/forms/use-action";
import { Button, EmptyState, ErrorSummary, TextArea } from "@/components/ui";
import { respondToEpaoChangeAction } from "@/lib/apprentices/actions";

type Change = {
  id: string;
  reason: string;
  requestedAt: string;
  givenNames: string;
  familyName: string;
  uln: string;
  standardReference: string;
  standardTitle: string;
  providerName: string;
  fromEpaoName: string;
};

export function ChangeRequests({ changes }: { changes: Change[] }) {
  const { pending, message, summary, run } = useAction();
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState("");

  function respond(changeId: string, decision: "accept" | "decline") {
    const done = () => {
      setDeclining(null);
      setReason("");
    };
    run(() => respondToEpaoChangeAction({ changeId, decision, declineReason: decision === "decline" ? reason : undefined }), {
      successMessage: "Saved.",
      onSuccess: done,
    });
  }

  return (
    <div className="space-y-4">
      <ErrorSummary errors={summary(() => "declineReason")} />
      <SuccessBanner message={message} />
      {changes.length === 0 ? (
        <EmptyState title="No requests waiting">
          <p>When a training provider asks to move an apprentice to you, the request appears here.</p>
        </EmptyState>
      ) : null}
      {changes.map((c) => (
        <section key={c.id} className="rounded border border-govuk-border bg-white p-4" aria-labelledby={`change-${c.id}`}>
          <h2 id={`change-${c.id}`} className="text-xl font-bold">
            {c.givenNames} {c.familyName} <span className="font-mono text-base font-normal">ULN {c.uln}</span>
          </h2>
          <p>
            {c.standardReference} {c.standardTitle} · from {c.fromEpaoName} · requested by {c.providerName} on{" "}
            {new Date(c.requestedAt).toLocaleDateString("en-GB")}
          </p>
          <p className="mb-4">Reason: {c.reason}</p>
          {declining === c.id ? (
            <div>
              <TextArea id="declineReason" label="Why are you declining?" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              <div className="flex gap-3">
                <Button type="button" variant="warning" disabled={pending} onClick={() => respond(c.id, "decline")}>
                  Decline request
                </Button>
                <Button type="button" variant="secondary" onClick={() => setDeclining(null)}>
                  Back
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex gap-3">
              <Button type="button" disabled={pending} onClick={() => respond(c.id, "accept")}>
                Accept {c.givenNames} {c.familyName}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setDeclining(c.id)}>
                Decline…
              </Button>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
