import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink, NotificationBanner, PageHeading, Table, Tag, linkClass } from "@/components/ui";
import { ROLE_LABELS } from "@/lib/domain";
import { requireArea } from "@/lib/session";
import { formatDateTime } from "@/lib/format";
import { listOrganisationUsers } from "@/lib/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireArea("organisation");
  const [users, params] = await Promise.all([listOrganisationUsers(actor), searchParams]);
  return (
    <>
      {params.added ? (
        <NotificationBanner type="success" title="Success">
          <p>{params.added} has been added. Give them their temporary password; they sign in with their email address.</p>
        </NotificationBanner>
      ) : null}
      <PageHeading caption={actor.organisationName} title="Users" actions={<ButtonLink href="/organisation/users/new">Add a user</ButtonLink>} />
      <Table
        caption={`${users.length} users in ${actor.organisationName}`}
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          {
            key: "name",
            header: "Name",
            rowHeader: true,
            cell: (u) => (
              <>
                <span className="font-bold">{u.name}</span>
                <span className="block text-sm text-govuk-secondary">{u.email}</span>
              </>
            ),
          },
          { key: "role", header: "Role", cell: (u) => ROLE_LABELS[u.role] },
          { key: "status", header: "Status", cell: (u) => (u.disabledAt ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag>) },
          { key: "last", header: "Last signed in", cell: (u) => (u.lastSignedInAt ? formatDateTime(u.lastSignedInAt) : "Never") },
          {
            key: "actions",
            header: <span className="sr-only">Actions</span>,
            cell: (u) =>
              u.id === actor.userId ? (
                <span className="text-govuk-secondary">You</span>
              ) : (
                <Link className={linkClass} href={`/organisation/users/${u.id}`}>
                  Change<span className="sr-only"> {u.name}</span>
                </Link>
              ),
          },
        ]}
      />
    </>
  );
}
