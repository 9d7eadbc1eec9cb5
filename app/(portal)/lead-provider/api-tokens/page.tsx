import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { NewTokenForm, RevokeTokenButton } from "@/components/lead-provider/api-tokens";
import { PageHeading, Panel, Table, Tag } from "@/components/ui";
import { can } from "@/lib/auth";
import { requireArea } from "@/lib/session";
import { listApiTokens } from "@/lib/dfe";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requireArea("lead-provider");
  if (!can(actor, "apiTokens.manage")) forbidden();
  const tokens = await listApiTokens(actor);
  return (
    <>
      <PageHeading
        caption={actor.organisationName}
        title="API tokens"
        description="Your systems call the Lead Provider API (v3 for NPQ) with one of these tokens. Tokens are stored only as a keyed digest: we cannot show one again."
      />
      <Panel title="Create a token">
        <NewTokenForm />
      </Panel>
      <div className="mt-8">
        <Table
          caption="Tokens"
          rows={tokens}
          rowKey={(t) => t.id}
          empty={<p className="p-4">No tokens yet.</p>}
          columns={[
            { key: "description", header: "Description", rowHeader: true, cell: (t) => <span className="font-bold">{t.description}</span> },
            { key: "ending", header: "Ends with", cell: (t) => <code>…{t.lastFour}</code> },
            { key: "created", header: "Created", cell: (t) => `${formatDateTime(t.createdAt)}${t.createdBy ? ` by ${t.createdBy}` : ""}` },
            { key: "used", header: "Last used", cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never") },
            { key: "status", header: "Status", cell: (t) => (t.revokedAt ? <Tag colour="grey">Revoked</Tag> : <Tag colour="green">Active</Tag>) },
            {
              key: "actions",
              header: <span className="sr-only">Actions</span>,
              cell: (t) => (t.revokedAt ? null : <RevokeTokenButton tokenId={t.id} description={t.description} />),
            },
          ]}
        />
      </div>
    </>
  );
}
