import type { Metadata } from "next";
import { PageHeading, Table, Tag } from "@/components/ui";
import { ORGANISATION_TYPE_LABELS } from "@/lib/domain";
import { requireArea } from "@/lib/session";
import { listOrganisations } from "@/lib/organisations";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage() {
  const actor = await requireArea("admin");
  const orgs = await listOrganisations(actor);
  return (
    <>
      <PageHeading caption="Platform" title="Organisations" />
      <Table
        caption={`${orgs.length} organisations`}
        rows={orgs}
        rowKey={(o) => o.id}
        columns={[
          { key: "name", header: "Name", cell: (o) => <span className="font-bold">{o.name}</span>, rowHeader: true },
          {
            key: "type",
            header: "Type",
            cell: (o) => (
              <Tag colour={o.type === "epao" ? "purple" : o.type === "training_provider" ? "turquoise" : o.type === "lead_provider" ? "orange" : "grey"}>
                {ORGANISATION_TYPE_LABELS[o.type]}
              </Tag>
            ),
          },
          { key: "code", header: "Identifier", cell: (o) => <code>{o.code}</code> },
          { key: "users", header: "Users", cell: (o) => o.users, numeric: true },
        ]}
      />
    </>
  );
}
