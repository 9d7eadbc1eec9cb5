import Link from "next/link";
import { Panel, SummaryList, linkClass } from "@/components/ui";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { ROLE_LABELS, ROLES_BY_ORGANISATION_TYPE } from "@/lib/domain";
import { teamSummary } from "@/lib/organisations";

/** The signed-in user's organisation team by role, with a link to manage users for admins. */
export async function TeamPanel({ actor }: { actor: UserActor }) {
  const summary = await teamSummary(actor);
  const roles = ROLES_BY_ORGANISATION_TYPE[actor.organisationType];
  return (
    <Panel
      title="Your team"
      actions={
        can(actor, "users.manage") ? (
          <Link className={linkClass} href="/organisation/users">
            Manage users
          </Link>
        ) : null
      }
    >
      <SummaryList
        rows={roles.map((role) => {
          const row = summary.find((s) => s.role === role);
          return {
            key: ROLE_LABELS[role],
            value: `${row?.active ?? 0} active${row?.disabled ? `, ${row.disabled} disabled` : ""}`,
          };
        })}
      />
    </Panel>
  );
}
