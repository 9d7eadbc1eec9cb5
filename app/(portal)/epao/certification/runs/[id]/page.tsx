import type { Metadata } from "next";
import Link from "next/link";
import { or404 } from "@/lib/entry";
import { EmptyState, PageHeading, Table, Tag } from "@/components/ui";
import { requireArea } from "@/lib/session";
import { claimRuns, runCalls } from "@/lib/certification";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Claims run" };

/** One claims run: what it did, and every ESFA call it made (no personal data is kept in the log). */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("epao");
  const { id } = await params;
  const calls = await or404(runCalls(actor, id));
  const run = (await claimRuns(actor, { limit: 100 })).find((r) => r.id === id);
  const result = run?.result?.claims;
  return (
    <>
      <PageHeading
        caption="Certification"
        title={`Claims run of ${run ? formatDateTime(run.startedAt ?? run.runAt) : ""}`}
        description={result?.message ?? run?.result?.error ?? run?.lastError ?? undefined}
      />
      {result ? (
        <p className="mb-6">
          {result.taken} claims taken, {result.claimed} claimed ({result.claimedManually} found claimed by hand), {result.created} certificates created,{" "}
          {result.errors} errors.
        </p>
      ) : null}
      {calls.length === 0 ? (
        <EmptyState title="No ESFA calls">This run made no call to ESFA.</EmptyState>
      ) : (
        <Table
          caption={`${calls.length} ESFA calls`}
          rows={calls}
          rowKey={(c) => c.id}
          columns={[
            { key: "at", header: "Time", rowHeader: true, cell: (c) => formatDateTime(c.at) },
            { key: "call", header: "Call", cell: (c) => <span className="font-mono text-sm">{`${c.method} ${c.path}`}</span> },
            { key: "items", header: "Items", cell: (c) => c.items ?? "", numeric: true },
            {
              key: "status",
              header: "Answer",
              cell: (c) =>
                c.status === null ? (
                  <Tag colour="red">No answer</Tag>
                ) : (
                  <Tag colour={c.status < 300 ? "green" : c.status === 429 || c.status >= 500 ? "yellow" : "red"}>{c.status}</Tag>
                ),
            },
            { key: "attempt", header: "Attempt", cell: (c) => c.attempt, numeric: true },
            { key: "ms", header: "Time (ms)", cell: (c) => c.ms, numeric: true },
            { key: "error", header: "Error", cell: (c) => c.error ?? "" },
          ]}
        />
      )}
      <p className="mt-6">
        <Link className="text-brand-600 underline underline-offset-4" href="/epao/certification">
          Back to certification
        </Link>
      </p>
    </>
  );
}
