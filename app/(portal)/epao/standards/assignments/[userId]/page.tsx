import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { or404 } from "@/lib/entry";
import { UserStandardsForm } from "@/components/standards/user-standards-form";
import { ButtonLink, EmptyState, PageHeading, SummaryList, Tag } from "@/components/ui";
import { can } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/domain";
import { requireArea } from "@/lib/session";
import { getStaffStandardAssignment } from "@/lib/standards";

export const metadata: Metadata = { title: "Assign standards" };

export default async function AssignStandardsPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireArea("epao");
  if (!can(actor, "standards.choose")) forbidden();
  const { userId } = await params;
  const { person, available } = await or404(getStaffStandardAssignment(actor, userId));
  return (
    <>
      <PageHeading caption="Assign standards" title={person.name} />
      <SummaryList
        rows={[
          { key: "Email address", value: person.email },
          { key: "Role", value: ROLE_LABELS[person.role] },
          { key: "Status", value: person.disabled ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag> },
        ]}
      />
      {available.length === 0 ? (
        <EmptyState
          title="Your organisation has not chosen any standards yet"
          action={<ButtonLink href="/epao/standards">Choose the standards you assess</ButtonLink>}
        >
          Choose the standards your organisation assesses first, then assign them to people.
        </EmptyState>
      ) : (
        <UserStandardsForm
          person={{ id: person.id, name: person.name }}
          options={available.map((s) => ({ id: s.id, reference: s.reference, title: s.title, level: s.level }))}
          assigned={person.standards.map((s) => s.id)}
        />
      )}
    </>
  );
}
