import Link from "next/link";
import { Panel, linkClass } from "@/components/ui";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { activityFilterSchema, listActivity } from "@/lib/audit";
import { EventLines } from "./event-lines";

/** The latest events of the actor's organisation (organisation admins only; renders nothing for others). */
export async function RecentActivity({ actor, limit = 5 }: { actor: UserActor; limit?: number }) {
  if (!can(actor, "audit.read")) return null;
  const { rows } = await listActivity(actor, activityFilterSchema.parse({ page: 1 }));
  return (
    <Panel
      title="Recent activity"
      actions={
        <Link className={linkClass} href="/organisation/activity">
          View all activity
        </Link>
      }
    >
      {rows.length === 0 ? (
        <p>No activity yet.</p>
      ) : (
        <ol className="divide-y divide-govuk-border">
          {rows.slice(0, limit).map((e) => (
            <li key={e.id} className="py-2">
              <EventLines event={e} />
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
